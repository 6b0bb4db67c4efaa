namespace CryptoDigest.Ai;

/// <summary>
/// What the model call running in this async flow is for (the prompt's plugin: answers, briefs, newsletters),
/// read when its token usage is recorded, so cryptodigest_model_tokens_total can be split by purpose.
/// </summary>
public static class ModelPurpose
{
    /// <summary>The tag for a call made outside any prompt.</summary>
    public const string Other = "other";

    private static readonly AsyncLocal<string?> Purpose = new();

    /// <summary>The purpose set by the nearest caller in this flow, or <see cref="Other"/>.</summary>
    public static string Current => Purpose.Value ?? Other;

    /// <summary>Sets the purpose for the rest of the calling async method (an async method's changes end with it).</summary>
    public static void Set(string purpose) => Purpose.Value = purpose.ToLowerInvariant();
}
