using System.Numerics.Tensors;

namespace CryptoDigest.Archive;

/// <summary>The question's vector and the sentence vectors of the passages an answer may quote, to rank those sentences by meaning.</summary>
public sealed record SentenceMeaning(float[] Question, IReadOnlyDictionary<long, float[][]> Sentences)
{
    /// <summary>The cosine similarity of a passage's sentence to the question (both unit length); null when its vectors were not made.</summary>
    public float? Similarity(long passageId, int sentence)
    {
        if (!Sentences.TryGetValue(passageId, out var vectors) || sentence >= vectors.Length)
        {
            return null;
        }

        return vectors[sentence].Length == Question.Length ? TensorPrimitives.Dot(vectors[sentence], Question) : null;
    }
}
