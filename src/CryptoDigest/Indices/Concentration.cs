namespace CryptoDigest.Indices;

/// <summary>How concentrated a set of weights is: the largest, the HHI (weights as fractions) and the effective number 1 / HHI.</summary>
public sealed record Concentration(double LargestWeight, double Hhi, double EffectiveN)
{
    public static Concentration Of(IReadOnlyCollection<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0)
        {
            throw new IndexInputException("no weights to measure");
        }

        var hhi = 0.0;
        var largest = double.MinValue;
        foreach (var w in weights)
        {
            hhi += w * w;
            largest = Math.Max(largest, w);
        }

        return new Concentration(largest, hhi, 1.0 / hhi);
    }
}
