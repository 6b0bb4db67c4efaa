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

    /// <summary>True when this claim took the delivery over from a holder whose lease ran out mid-send.</summary>
    public bool TakenOver { get; init; }

    /// <summary>When the delivery was dispatched: its retries go on until Delivery:GraceMinutes after it.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// The newest edition the subscription's other deliveries carried (null when none did): an edition no newer
    /// than this is one the chat already has, and is never sent to it again.
    /// </summary>
    public long? LastEditionId { get; init; }

    public string Language { get; init; } = "en";
    public string Topics { get; init; } = string.Empty;
    public string Length { get; init; } = "standard";
    public string Cadence { get; init; } = "daily";
    public bool MarketLine { get; init; }
}
