namespace CryptoDigest.Storage;

/// <summary>
/// One member's 👍 or 👎 on one brief or answer in one chat, changeable (docs/feedback.md). The member is a
/// keyed hash, never the platform id; the model, prompt version and language say what produced the rated text.
/// </summary>
public sealed class FeedbackVote
{
    public long Id { get; set; }

    /// <summary>"brief" (TargetId is the edition) or "answer" (TargetId is a <see cref="FeedbackAnswer"/>).</summary>
    public required string TargetKind { get; set; }

    public long TargetId { get; set; }
    public required string Platform { get; set; }
    public required string ChatId { get; set; }

    /// <summary>HMAC-SHA256 of "platform:member id" under the member hash key, as lower-case hex.</summary>
    public required string MemberHash { get; set; }

    /// <summary>"up" or "down".</summary>
    public required string Vote { get; set; }

    /// <summary>What was wrong with a 👎: "fact", "relevance" or "length"; null when not said.</summary>
    public string? Reason { get; set; }

    public required string Model { get; set; }
    public string PromptVersion { get; set; } = string.Empty;
    public required string Language { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}
