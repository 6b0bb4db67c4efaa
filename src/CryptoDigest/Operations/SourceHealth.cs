namespace CryptoDigest.Operations;

/// <summary>One newsletter source's fetching: when it was last fetched, its last error and how many fetches failed in a row.</summary>
public sealed record SourceHealth(string Name, bool Enabled, DateTimeOffset? LastFetchedAt, string? LastStatus, string? LastError, int FailuresInARow);
