using System.Numerics.Tensors;

namespace CryptoDigest.Knowledge;

/// <summary>
/// Exact nearest neighbours by cosine similarity over unit-length vectors held in memory: one dot product
/// per vector (SIMD through TensorPrimitives), no approximate index. Linear in the number of vectors,
/// which is fast enough up to the sizes docs/archive.md gives; beyond them an approximate index belongs in
/// the database (pgvector's HNSW) instead.
/// </summary>
public static class ExactVectorSearch
{
    /// <summary>The indexes of the <paramref name="count"/> vectors most similar to <paramref name="query"/>, at least <paramref name="minSimilarity"/>, best first; null vectors and filtered-out indexes are skipped.</summary>
    public static IReadOnlyList<(int Index, float Similarity)> Nearest(
        ReadOnlySpan<float> query,
        IReadOnlyList<float[]?> vectors,
        int count,
        float minSimilarity,
        Func<int, bool>? filter = null)
    {
        var best = new PriorityQueue<int, float>(count + 1);
        for (var i = 0; i < vectors.Count; i++)
        {
            if (vectors[i] is not { } vector || vector.Length != query.Length || (filter is not null && !filter(i)))
            {
                continue;
            }

            var similarity = TensorPrimitives.Dot(query, vector);
            if (similarity < minSimilarity)
            {
                continue;
            }

            // A min-heap of the best so far: the weakest leaves when a better one comes.
            best.Enqueue(i, similarity);
            if (best.Count > count)
            {
                best.Dequeue();
            }
        }

        var found = new List<(int Index, float Similarity)>(best.Count);
        while (best.TryDequeue(out var index, out var similarity))
        {
            found.Add((index, similarity));
        }

        found.Reverse();
        return found;
    }

    /// <summary>The vector scaled to unit length (cosine similarity is then a dot product); a zero vector stays zero.</summary>
    public static float[] Normalize(ReadOnlySpan<float> vector)
    {
        var result = vector.ToArray();
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(result, norm, result);
        }

        return result;
    }
}
