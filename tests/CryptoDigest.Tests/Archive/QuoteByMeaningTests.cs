using CryptoDigest.Archive;
using CryptoDigest.Knowledge;
using Microsoft.Extensions.Logging.Abstractions;

namespace CryptoDigest.Tests.Archive;

/// <summary>
/// The quoted sentence chosen by meaning as well as by words: a fact in a sentence that shares no word with the question
/// is quoted when the local model is on, and each passage's sentences are embedded once per process.
/// </summary>
public class QuoteByMeaningTests
{
    private static readonly IndexedPassage Passage = new(
        9001, 901, "Security Weekly", "Exchange reopens", new Uri("https://news.example.com/901"), ArchiveCorpus.Today, false,
        "The exchange reopened its doors on Friday after a week offline. Investigators tied the attack to the Lazarus Group, a team working for North Korea. Customers will see their balances restored by the end of the month.",
        null);

    [Fact]
    public async Task A_sentence_sharing_no_word_with_the_question_is_quoted_when_it_is_the_closest_in_meaning()
    {
        const string topic = "who was responsible";
        var terms = TextTokenizer.Tokenize(topic).ToHashSet(StringComparer.Ordinal);
        var vector = ArchiveCorpus.Instance.Embed(topic);
        var meaning = new SentenceMeaning(vector, await ArchiveCorpus.Sentences.OfAsync([Passage], CancellationToken.None));

        var byWords = ArchiveAnswerer.QuotedSentences([Passage], terms, asksFigure: false);
        var byMeaning = ArchiveAnswerer.QuotedSentences([Passage], terms, asksFigure: false, meaning: meaning);

        Assert.DoesNotContain("Lazarus", byWords, StringComparison.Ordinal);
        Assert.Contains("Lazarus", byMeaning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_passage_s_sentences_are_embedded_once_and_again_only_when_its_text_changes()
    {
        var embedder = new CountingEmbedder();
        var sentences = new SentenceVectors(embedder, NullLogger<SentenceVectors>.Instance);

        var first = await sentences.OfAsync([Passage], CancellationToken.None);
        await sentences.OfAsync([Passage], CancellationToken.None);
        Assert.Equal(3, first[Passage.PassageId].Length);
        Assert.Equal(3, embedder.Embedded);

        await sentences.OfAsync([Passage with { Text = "An edited issue. It says one thing more." }], CancellationToken.None);
        Assert.Equal(5, embedder.Embedded);
    }

    // The local model, counting the texts it is given.
    private sealed class CountingEmbedder : ISentenceEmbedder
    {
        public int Embedded { get; private set; }

        public string? Model => LocalSentenceEmbeddingGenerator.ModelName;

        public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
        {
            Embedded += texts.Count;
            var embeddings = await new LocalSentenceEmbeddingGenerator().GenerateAsync(texts, cancellationToken: cancellationToken);
            return embeddings.Select(e => ExactVectorSearch.Normalize(e.Vector.Span)).ToList();
        }
    }
}
