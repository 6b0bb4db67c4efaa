using CryptoDigest.Knowledge;

namespace CryptoDigest.Tests.Knowledge;

public class HybridRankingTests
{
    [Fact]
    public void Fusion_puts_first_what_both_rankings_rank_well()
    {
        var fused = ReciprocalRankFusion.Fuse<string>([["a", "b", "c"], ["b", "d", "a"]]);

        Assert.Equal(["b", "a", "d", "c"], fused.Select(f => f.Item));
        Assert.Equal((1.0 / 62) + (1.0 / 61), fused[0].Score, 10);
    }

    [Fact]
    public void Exact_search_returns_the_nearest_above_the_threshold_best_first_skipping_filtered_and_missing()
    {
        float[]?[] vectors =
        [
            ExactVectorSearch.Normalize([1, 0]),
            ExactVectorSearch.Normalize([1, 1]),
            null,
            ExactVectorSearch.Normalize([0, 1]),
            ExactVectorSearch.Normalize([1, 0.1f]),
        ];

        var nearest = ExactVectorSearch.Nearest([1, 0], vectors, count: 2, minSimilarity: 0.5f, filter: i => i != 0);

        Assert.Equal([4, 1], nearest.Select(n => n.Index));
        Assert.True(nearest[0].Similarity > nearest[1].Similarity);
    }
}
