using CryptoDigest.Feedback;

namespace CryptoDigest.Operations;

/// <summary>
/// The operator's view of the bot at one moment (docs/operations.md): what /status shows an operator, what the
/// status verb prints (as JSON with --json), and what the alert job judges. Read from the stores the features
/// already keep; "today" is the UTC day.
/// </summary>
public sealed record OperatorStatus(
    DateTimeOffset At,
    IReadOnlyList<SourceHealth> Sources,
    EditionStatus? LastEdition,
    JobHealth? Compose,
    DeliveryCounts Today,
    OutboxStatus Outbox,
    ModelTokenStatus ModelTokens,
    LinkScanCounters LinkScans,
    JobHealth? PhishingListRefresh,
    IReadOnlyList<MailboxStatus> Mailboxes)
{
    /// <summary>The 👍/👎 votes cast or changed in the last seven days (docs/feedback.md).</summary>
    public FeedbackTally? Feedback { get; init; }
}
