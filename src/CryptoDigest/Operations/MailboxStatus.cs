namespace CryptoDigest.Operations;

/// <summary>One newsletter mailbox's intake: the last read, reads failed in a row, and the messages it left or could not use since its last start-over.</summary>
public sealed record MailboxStatus(
    string Mailbox,
    DateTimeOffset? LastReadAt,
    int FailuresInARow,
    string? LastError,
    int Unclaimed,
    int Unreadable,
    int Unauthenticated);
