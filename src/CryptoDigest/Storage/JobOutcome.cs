namespace CryptoDigest.Storage;

/// <summary>
/// How a recurring job last ended, for the operator's view and alerts: one row per job name, written by
/// the job itself (compose-brief, refresh-phishing-list). FailingSince is the first failure since the last success.
/// </summary>
public sealed class JobOutcome
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset? LastSucceededAt { get; set; }
    public DateTimeOffset? LastFailedAt { get; set; }
    public DateTimeOffset? FailingSince { get; set; }
    public int ConsecutiveFailures { get; set; }
    public string? LastError { get; set; }
}
