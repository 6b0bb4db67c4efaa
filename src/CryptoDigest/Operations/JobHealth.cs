namespace CryptoDigest.Operations;

/// <summary>How a recurring job's runs have ended lately (from Storage's JobOutcome row).</summary>
public sealed record JobHealth(DateTimeOffset? LastSucceededAt, DateTimeOffset? LastFailedAt, DateTimeOffset? FailingSince, int FailuresInARow, string? LastError);
