namespace CryptoDigest.Indices;

/// <summary>One dated value of a daily series (an index level or a price).</summary>
public readonly record struct DatedValue(DateOnly Date, double Value);
