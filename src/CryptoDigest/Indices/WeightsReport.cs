namespace CryptoDigest.Indices;

/// <summary>A top-N index's weights under one scheme, and how concentrated they are.</summary>
public sealed record WeightsReport(DateTimeOffset? AsOf, WeightingScheme Scheme, IReadOnlyList<WeightedCoin> Constituents, Concentration Concentration)
{
    /// <summary>The top N of a markets page (exclusions left out) weighted by the scheme.</summary>
    public static WeightsReport Compute(IReadOnlyList<MarketCoin> markets, int top, WeightingScheme scheme, ExclusionList exclusions)
    {
        ArgumentNullException.ThrowIfNull(markets);
        if (top < 1)
        {
            throw new IndexInputException("--top must be at least 1");
        }

        var coins = MarketDocuments.Top(markets, top, exclusions);
        if (coins.Count == 0)
        {
            throw new IndexInputException("the markets page holds no coin with a market cap");
        }

        IndexWeights.EnsureFeasible(coins.Count, scheme);

        var weights = IndexWeights.Compute(coins.Select(c => c.MarketCap).ToArray(), scheme);
        var asOf = markets.Max(m => m.LastUpdated);
        return new WeightsReport(asOf, scheme, coins.Select((c, i) => new WeightedCoin(c, weights[i])).ToArray(), Concentration.Of(weights));
    }
}
