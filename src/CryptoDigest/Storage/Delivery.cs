namespace CryptoDigest.Storage;

/// <summary>
/// The brief of one subscription for one local date: the key (SubscriptionId, LocalDate) is
/// unique, which is what makes a second send impossible. A claim carries a lease so a dead
/// process's claim can be taken over.
/// </summary>
public sealed class Delivery
{
    public long Id { get; set; }
    public long SubscriptionId { get; set; }
    public Subscription? Subscription { get; set; }
    public DateOnly LocalDate { get; set; }
    public long? EditionId { get; set; }
    public BriefEdition? Edition { get; set; }
    public DeliveryStatus Status { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public int Attempts { get; set; }

    /// <summary>How many parts of a multi-part brief are sent: a retry resumes after them.</summary>
    public int SentParts { get; set; }

    /// <summary>Platform message ids of the sent parts, comma-separated.</summary>
    public string MessageIds { get; set; } = string.Empty;

    public string? LastError { get; set; }

    /// <summary>Why the delivery was skipped, failed or is waiting for a retry, for /status; null while nothing went wrong.</summary>
    public DeliveryReason? Reason { get; set; }

    /// <summary>
    /// Takeovers of a claim whose holder died mid-send: the part that was in flight may have reached
    /// the chat already and is sent again (Telegram has no idempotency key). Counted, never hidden.
    /// </summary>
    public int PossibleDuplicates { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}
