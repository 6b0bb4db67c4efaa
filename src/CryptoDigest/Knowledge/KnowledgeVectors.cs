using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace CryptoDigest.Knowledge;

/// <summary>
/// The knowledge passages' vectors, made once per process and model (at start by <see cref="KnowledgeIndexLoader"/>,
/// or by the first question) and kept: each passage has two, its title with its keywords (the questions it answers,
/// in members' words) and its body, and a question's similarity to it is the better of the two. With a
/// <see cref="KnowledgeVectorStore"/> (the host's), only passages the database does not hold yet are embedded.
/// </summary>
public sealed class KnowledgeVectors(KnowledgeBase knowledge, ISentenceEmbedder embedder, KnowledgeVectorStore? store = null)
{
    // Per model, for the process: test hosts and a restarted host in one process reuse them.
    private static readonly ConcurrentDictionary<string, Lazy<Task<float[][]>>> Cache = new(StringComparer.Ordinal);

    public bool IsOn => embedder.Model is not null;

    /// <summary>Makes the passages' vectors now (once per process and model), so the first question does not wait for them.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        if (IsOn)
        {
            await PassageVectorsAsync(cancellationToken);
        }
    }

    /// <summary>Every passage of the topics with the question's cosine similarity to it, best first; empty when embeddings are off.</summary>
    public async Task<IReadOnlyList<(KnowledgePassage Passage, float Similarity)>> RankAsync(string question, IReadOnlyCollection<KnowledgeTopic> topics, CancellationToken cancellationToken)
    {
        if (!IsOn)
        {
            return [];
        }

        // A question never waits for the passages to be embedded (minutes on a loaded machine): until the
        // warm-up is done, it is answered by words, and the warm-up is started if nobody started it.
        var pending = PassageVectorsAsync(CancellationToken.None);
        if (!pending.IsCompletedSuccessfully)
        {
            _ = pending.ContinueWith(t => t.Exception, TaskScheduler.Default);
            return [];
        }

        var vectors = await pending;
        var query = (await embedder.EmbedAsync([question], cancellationToken))[0];
        var passages = knowledge.Passages;
        var nearest = ExactVectorSearch.Nearest(query, vectors, vectors.Length, float.MinValue, i => topics.Count == 0 || topics.Contains(passages[i / 2].Topic));
        return nearest
            .GroupBy(n => n.Index / 2)
            .Select(g => (passages[g.Key], g.Max(n => n.Similarity)))
            .OrderByDescending(r => r.Item2)
            .ToList();
    }

    private async Task<float[][]> PassageVectorsAsync(CancellationToken cancellationToken)
    {
        var texts = Texts();
        var key = embedder.Model + ":" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', texts))));
        var lazy = Cache.GetOrAdd(key, _ => new Lazy<Task<float[][]>>(() => StoredOrEmbeddedAsync(texts)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // An endpoint that failed once is asked again by the next question, not never.
            Cache.TryRemove(new KeyValuePair<string, Lazy<Task<float[][]>>>(key, lazy));
            throw;
        }
    }

    private async Task<float[][]> StoredOrEmbeddedAsync(List<string> texts)
    {
        var keys = texts.Select(t => embedder.Model + ":" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(t)))).ToList();
        var vectors = store is null ? new Dictionary<string, float[]>(StringComparer.Ordinal) : await store.ReadAsync(keys, CancellationToken.None);
        var missing = Enumerable.Range(0, texts.Count).Where(i => !vectors.ContainsKey(keys[i])).ToList();
        if (missing.Count > 0)
        {
            var made = await embedder.EmbedAsync(missing.Select(i => texts[i]).ToList(), CancellationToken.None);
            var fresh = missing.Select((i, n) => (keys[i], made[n])).DistinctBy(v => v.Item1, StringComparer.Ordinal).ToList();
            fresh.ForEach(v => vectors[v.Item1] = v.Item2);
            if (store is not null)
            {
                await store.WriteAsync(fresh, CancellationToken.None);
            }
        }

        return [.. keys.Select(k => vectors[k])];
    }

    // Keyed by the model and these texts, so a knowledge base of other passages (a test's) gets its own.
    private List<string> Texts() =>
        knowledge.Passages.SelectMany(p => new[] { p.Title + ". " + string.Join(", ", p.Keywords), p.Body }).ToList();
}
