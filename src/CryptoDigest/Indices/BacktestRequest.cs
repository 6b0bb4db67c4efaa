namespace CryptoDigest.Indices;

/// <summary>What to backtest: the top N by market cap, weighted by a scheme, from one UTC date to another inclusive.</summary>
public sealed record BacktestRequest(
    int Top,
    WeightingScheme Scheme,
    RebalanceFrequency Rebalance,
    DateOnly From,
    DateOnly To,
    double CostBps = 0);
