using System.Globalization;

namespace CryptoDigest.Ai;

/// <summary>Tokens one model call used, read from the connector's metadata (for cost figures and budgets).</summary>
public readonly record struct TokenUsage(int Input, int Output)
{
    public int Total => Input + Output;

    /// <summary>Reads the OpenAI connector's "Usage" metadata; zero when the endpoint reports none.</summary>
    public static TokenUsage From(IReadOnlyDictionary<string, object?>? metadata) =>
        metadata?.GetValueOrDefault("Usage") is OpenAI.Chat.ChatTokenUsage usage
            ? new TokenUsage(usage.InputTokenCount, usage.OutputTokenCount)
            : default;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Input} in / {Output} out");
}
