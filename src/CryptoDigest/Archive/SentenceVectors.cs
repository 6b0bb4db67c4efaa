using System.Collections.Concurrent;
using CryptoDigest.Knowledge;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.Archive;

/// <summary>
/// The vectors of the sentences of retrieved passages (<see cref="PassageCutter.Sentences"/>, in order), so an answer can
/// quote the sentence closest in meaning to the question even when it shares no word with it. Made at answer time,
/// only for the passages an answer may quote, and kept per passage for the process: a sentence is embedded once.
/// </summary>
public sealed partial class SentenceVectors(ISentenceEmbedder embedder, ILogger<SentenceVectors> logger)
{
    // About 5 sentences of 384 floats a passage: some 8 KB each, so the cache stays under about 30 MB. Past that
    // it starts again, which costs one embedding of the passages then asked about.
    private const int MaxPassages = 4096;

    private readonly ConcurrentDictionary<long, (string Text, float[][] Vectors)> _byPassage = new();

    /// <summary>Whether sentences can be embedded (a model is configured).</summary>
    public bool IsOn => embedder.Model is not null;

    /// <summary>The sentences' vectors of each passage, embedding (in one call) those not yet made; those held alone when the model fails.</summary>
    public async Task<IReadOnlyDictionary<long, float[][]>> OfAsync(IReadOnlyCollection<IndexedPassage> passages, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, float[][]>();
        var missing = new List<(IndexedPassage Passage, IReadOnlyList<string> Sentences)>();
        foreach (var p in passages.DistinctBy(p => p.PassageId))
        {
            if (_byPassage.TryGetValue(p.PassageId, out var held) && held.Text == p.Text)
            {
                found[p.PassageId] = held.Vectors;
            }
            else
            {
                missing.Add((p, PassageCutter.Sentences(p.Text)));
            }
        }

        if (missing.Count == 0)
        {
            return found;
        }

        IReadOnlyList<float[]> vectors;
        try
        {
            vectors = await embedder.EmbedAsync([.. missing.SelectMany(m => m.Sentences)], cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogNotEmbedded(logger, ex);
            return found;
        }

        if (_byPassage.Count + missing.Count > MaxPassages)
        {
            _byPassage.Clear();
        }

        var next = 0;
        foreach (var (passage, sentences) in missing)
        {
            float[][] made = [.. vectors.Skip(next).Take(sentences.Count)];
            _byPassage[passage.PassageId] = (passage.Text, made);
            found[passage.PassageId] = made;
            next += sentences.Count;
        }

        return found;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The archive chose its quotes by words alone: the sentences could not be embedded")]
    private static partial void LogNotEmbedded(ILogger logger, Exception exception);
}
