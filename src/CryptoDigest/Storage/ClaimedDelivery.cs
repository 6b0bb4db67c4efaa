namespace CryptoDigest.Storage;

/// <summary>A delivery this instance has claimed, with what sending it needs (read in the claim's own statement).</summary>
public sealed record ClaimedDelivery
{
    public long Id { get; init; }
    public long? EditionId { get; init; }
    public int SentParts { get; init; }
    public string MessageIds { get; init; } = string.Empty;
    public int Attempts { get; init; }
    public int PossibleDuplicates { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public string Platform { get; init; } = string.Empty;
    public string ChatId { get; init; } = string.Empty;
    public string ThreadId { get; init; } = string.Empty;
    public string SourceFilter { get; init; } = string.Empty;
    public string Language { get; init; } = "en";
    public string Topics { get; init; } = string.Empty;
    public string Length { get; init; } = "standard";
    public string Cadence { get; init; } = "daily";
    public bool MarketLine { get; init; }
}
