namespace CryptoDigest.Indices;

/// <summary>Which computed index answer a message asks for.</summary>
public enum IndexQueryKind
{
    /// <summary>The top N's weights under a scheme.</summary>
    Weights,

    /// <summary>How concentrated the top N is.</summary>
    Concentration,

    /// <summary>Cap vs equal vs capped backtests, with BTC alone as the benchmark.</summary>
    Compare,

    /// <summary>One coin's fall from its peak.</summary>
    Drawdown,
}
