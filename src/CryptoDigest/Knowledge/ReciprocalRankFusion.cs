namespace CryptoDigest.Knowledge;

/// <summary>
/// Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): each ranking adds 1 / (k + rank)
/// for every item it lists, so items ranked well by both the words (BM25) and the meaning (vectors) rise,
/// without comparing the two scores' scales. Shared by every hybrid search of the bot.
/// </summary>
public static class ReciprocalRankFusion
{
    /// <summary>The constant of the paper: it damps the weight of the very first ranks.</summary>
    public const int DefaultK = 60;

    /// <summary>The items of all rankings (each best first), best fused score first.</summary>
    public static IReadOnlyList<(T Item, double Score)> Fuse<T>(IEnumerable<IReadOnlyList<T>> rankings, int k = DefaultK)
        where T : notnull
    {
        var scores = new Dictionary<T, double>();
        foreach (var ranking in rankings)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                scores[ranking[rank]] = scores.GetValueOrDefault(ranking[rank]) + (1.0 / (k + rank + 1));
            }
        }

        return scores.Select(s => (s.Key, s.Value)).OrderByDescending(s => s.Value).ToList();
    }
}
