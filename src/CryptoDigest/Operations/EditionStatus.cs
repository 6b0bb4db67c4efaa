namespace CryptoDigest.Operations;

/// <summary>The latest edition: when it was composed, how many items it has, and whether the model or the offline path wrote its prose.</summary>
public sealed record EditionStatus(DateTimeOffset ComposedAt, DateTimeOffset WindowEnd, int Items, bool ByModel, bool IncludesSamples);
