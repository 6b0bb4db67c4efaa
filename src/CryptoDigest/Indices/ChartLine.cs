namespace CryptoDigest.Indices;

/// <summary>One line of a chart: a name and its daily values.</summary>
public sealed record ChartLine(string Name, IReadOnlyList<DatedValue> Values);
