namespace CryptoDigest.Indices;

/// <summary>A stored API response and when it was fetched.</summary>
public sealed record CachedResponse(string Body, DateTimeOffset FetchedAt);
