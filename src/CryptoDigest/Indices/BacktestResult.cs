namespace CryptoDigest.Indices;

/// <summary>A backtest's daily values, its figures and the two-way turnover of the rebalances after the first.</summary>
public sealed record BacktestResult(
    IReadOnlyList<DatedValue> Series,
    PerformanceFigures Figures,
    double Turnover,
    IReadOnlyList<string> FinalConstituents);
