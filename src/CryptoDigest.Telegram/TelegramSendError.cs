using CryptoDigest.Replies;

namespace CryptoDigest.Telegram;

/// <summary>
/// A failed send as the sender sees it: its <see cref="Kind"/>, Telegram's description, and what the next step
/// needs (how long a 429 asks to wait, a migrated group's new id). Made by <see cref="TelegramSender.Classify"/>.
/// </summary>
internal sealed record TelegramSendError(TelegramSendErrorKind Kind, string Reason)
{
    /// <summary>For <see cref="TelegramSendErrorKind.Flood"/>: retry_after.</summary>
    public TimeSpan RetryAfter { get; init; }

    /// <summary>For <see cref="TelegramSendErrorKind.Migrated"/>: the supergroup's id.</summary>
    public long? MigrateTo { get; init; }

    /// <summary>How the send ends when this error is the last word (retries spent, or none to make).</summary>
    public SendOutcome Outcome => Kind switch
    {
        TelegramSendErrorKind.ChatGone => SendOutcome.ChatGone,
        TelegramSendErrorKind.Flood or TelegramSendErrorKind.Transient => SendOutcome.Failed,
        _ => SendOutcome.Rejected,
    };
}
