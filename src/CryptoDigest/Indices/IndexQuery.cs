namespace CryptoDigest.Indices;

/// <summary>
/// A computed index question: its kind and parameters (defaults: top 10, cap, 365 days, monthly, a 25 % cap), and the
/// past period it asks about, if any (<see cref="IndexPeriod"/>: "in 2022", "since March"), which replaces the days back from today.
/// </summary>
public sealed record IndexQuery(
    IndexQueryKind Kind,
    int Top = 10,
    WeightingScheme? Scheme = null,
    int Days = 365,
    RebalanceFrequency Rebalance = RebalanceFrequency.Monthly,
    string? Coin = null,
    IndexPeriod? Period = null)
{
    public const int MaxTop = 100;
    public const int MaxDays = 3650;

    public WeightingScheme WeightScheme => Scheme ?? WeightingScheme.Cap;
}
