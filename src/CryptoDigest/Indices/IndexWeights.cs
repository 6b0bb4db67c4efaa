using System.Globalization;

namespace CryptoDigest.Indices;

/// <summary>Target weights of N constituents from their market caps (definitions in docs/market-data.md).</summary>
public static class IndexWeights
{
    // A weight this close above the cap counts as at the cap: rescaling in doubles can land a hair above it.
    private const double CapTolerance = 1e-12;

    /// <summary>Weights as fractions summing to 1, in the order of <paramref name="marketCaps"/> (each positive).</summary>
    public static double[] Compute(IReadOnlyList<double> marketCaps, WeightingScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(marketCaps);
        ArgumentNullException.ThrowIfNull(scheme);
        var n = marketCaps.Count;
        if (n == 0)
        {
            throw new IndexInputException("no constituent has a market cap, so there is nothing to weight");
        }

        return scheme.Kind switch
        {
            WeightingKind.Cap => Proportional(marketCaps, m => m),
            WeightingKind.Equal => Enumerable.Repeat(1.0 / n, n).ToArray(),
            WeightingKind.Sqrt => Proportional(marketCaps, Math.Sqrt),
            WeightingKind.Capped => Capped(marketCaps, scheme),
            _ => throw new ArgumentOutOfRangeException(nameof(scheme)),
        };
    }

    /// <summary>Whether N names can be held under the cap at all: N x P must reach 100 %.</summary>
    public static bool IsFeasible(int count, WeightingScheme scheme) =>
        scheme.Kind != WeightingKind.Capped || count * scheme.CapPercent >= 100 - 1e-9;

    /// <summary>Throws the one-line error for a cap that cannot hold <paramref name="count"/> names.</summary>
    public static void EnsureFeasible(int count, WeightingScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        if (!IsFeasible(count, scheme))
        {
            var cap = scheme.CapPercent.ToString("0.####", CultureInfo.InvariantCulture);
            throw new IndexInputException($"a cap of {cap} % cannot hold {count} names: {count} x {cap} % is below 100 %");
        }
    }

    private static double[] Proportional(IReadOnlyList<double> marketCaps, Func<double, double> size)
    {
        var total = 0.0;
        foreach (var m in marketCaps)
        {
            total += size(m);
        }

        var weights = new double[marketCaps.Count];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = size(marketCaps[i]) / total;
        }

        return weights;
    }

    /// <summary>
    /// Names above the cap are fixed at it and the rest rescaled pro rata to market cap over what
    /// remains; rescaling can push another name over, so this repeats until none is above.
    /// </summary>
    private static double[] Capped(IReadOnlyList<double> marketCaps, WeightingScheme scheme)
    {
        var n = marketCaps.Count;
        EnsureFeasible(n, scheme);

        var cap = scheme.CapFraction;
        var weights = new double[n];
        var fixedAtCap = new bool[n];
        var fixedCount = 0;
        while (true)
        {
            var freeCap = 0.0;
            for (var i = 0; i < n; i++)
            {
                if (!fixedAtCap[i])
                {
                    freeCap += marketCaps[i];
                }
            }

            var remaining = 1.0 - fixedCount * cap;
            var newlyFixed = false;
            for (var i = 0; i < n; i++)
            {
                if (fixedAtCap[i])
                {
                    weights[i] = cap;
                    continue;
                }

                weights[i] = freeCap > 0 ? remaining * marketCaps[i] / freeCap : 0;
                if (weights[i] > cap + CapTolerance)
                {
                    fixedAtCap[i] = true;
                    newlyFixed = true;
                }
            }

            if (!newlyFixed)
            {
                return weights;
            }

            fixedCount = fixedAtCap.Count(f => f);
        }
    }
}
