namespace CryptoDigest.Storage;

/// <summary>
/// How far intake of one IMAP folder has come: messages with a UID above LastUid are new. A new
/// UIDVALIDITY (the server renumbered the folder) or a change of which senders the sources claim
/// starts over from the first message; Message-ID and content-hash dedupe keep that from storing twice.
/// </summary>
public sealed class MailboxCursor
{
    public long Id { get; set; }

    /// <summary>user@host:port/folder: no secret in it.</summary>
    public required string Mailbox { get; set; }

    public long UidValidity { get; set; }
    public long LastUid { get; set; }

    /// <summary>Messages since the last start-over that no source claims: left in the mailbox, counted for admins.</summary>
    public int UnclaimedCount { get; set; }

    /// <summary>Messages since the last start-over that could not be read (broken, too large, no body).</summary>
    public int FailedCount { get; set; }

    /// <summary>Messages since the last start-over that a source claims but the trusted Authentication-Results header did not vouch for: never stored, counted for admins.</summary>
    public int UnauthenticatedCount { get; set; }

    /// <summary>A digest of the sources' EmailFrom and EmailListId when LastUid was reached.</summary>
    public string ClaimsFingerprint { get; set; } = string.Empty;

    public DateTimeOffset? LastReadAt { get; set; }
    public DateTimeOffset? NextReadAt { get; set; }
    public int ConsecutiveFailures { get; set; }
    public string? LastError { get; set; }
}
