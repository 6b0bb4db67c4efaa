namespace CryptoDigest.Storage;

/// <summary>Tokens one model call used, for cost figures and the daily budget.</summary>
public sealed class ModelUsage
{
    public long Id { get; set; }

    /// <summary>The UTC day the budget counts against.</summary>
    public DateOnly Day { get; set; }

    public required string Model { get; set; }
    public int InputTokens { get; set; }
    public int OutputTokens { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
