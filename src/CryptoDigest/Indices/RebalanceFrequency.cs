namespace CryptoDigest.Indices;

/// <summary>When a backtested index is brought back to its target weights.</summary>
public enum RebalanceFrequency
{
    /// <summary>Every 7 days after the start.</summary>
    Weekly,

    /// <summary>The 1st of each month.</summary>
    Monthly,

    /// <summary>The 1st of January, April, July and October.</summary>
    Quarterly,
}
