namespace CryptoDigest.Indices;

/// <summary>How the constituents of an index are weighted.</summary>
public enum WeightingKind
{
    /// <summary>Market cap over the sum of market caps.</summary>
    Cap,

    /// <summary>One over N.</summary>
    Equal,

    /// <summary>Square root of market cap over the sum of square roots.</summary>
    Sqrt,

    /// <summary>Market cap, with no weight above a cap (see docs/market-data.md).</summary>
    Capped,
}
