using CryptoDigest.Archive;

namespace CryptoDigest.Tests.Archive;

/// <summary>
/// Hybrid retrieval on a fixed corpus: BM25 alone finds exact words; with the local model, questions that share
/// no word with their passage find it; an unrelated question finds nothing at the calibrated threshold.
/// </summary>
public class ArchiveRetrievalTests
{
    private const float MinSimilarity = 0.35f;

    [Theory]
    [InlineData("profitability squeeze for hashing operations", 4)]
    [InlineData("scam site pretending to be a ledger company", 6)]
    [InlineData("fake website stealing seed words", 6)]
    public void A_paraphrase_sharing_no_word_with_its_passage_is_found_first_with_the_local_model(string question, long expected)
    {
        var corpus = ArchiveCorpus.Instance;

        var byWords = corpus.WordsOnly.Search(question, null, MinSimilarity, _ => true);
        var hybrid = corpus.WithVectors.Search(question, corpus.Embed(question), MinSimilarity, _ => true);

        Assert.DoesNotContain(byWords, m => m.Passage.ArticleId == expected);
        Assert.Equal(expected, hybrid[0].Passage.ArticleId);
        Assert.Null(hybrid[0].WordRank);
    }

    [Theory]
    [InlineData("IBIT inflows", 3)]
    [InlineData("funding rates Binance", 8)]
    [InlineData("USDT", 5)]
    [InlineData("terahash", 4)]
    public void Exact_words_are_found_by_BM25_alone(string words, long expected)
    {
        var found = ArchiveCorpus.Instance.WordsOnly.Search(words, null, MinSimilarity, _ => true);

        Assert.Equal(expected, found[0].Passage.ArticleId);
        Assert.Equal(0, found[0].WordRank);
    }

    [Fact]
    public void A_question_about_nothing_in_the_corpus_finds_nothing()
    {
        const string Question = "banana bread recipe with walnuts";
        var corpus = ArchiveCorpus.Instance;

        var found = corpus.WithVectors.Search(Question, corpus.Embed(Question), MinSimilarity, _ => true);

        Assert.Empty(found);
    }

    [Fact]
    public void The_filter_narrows_to_one_newsletter()
    {
        var corpus = ArchiveCorpus.Instance;
        var query = new ArchiveQuery("supply liquidity", "kaiko", 365);

        var found = corpus.WordsOnly.Search(query.Words, null, MinSimilarity, p => query.MatchesSource(p.Source));

        Assert.NotEmpty(found);
        Assert.All(found, m => Assert.Equal("Kaiko Research", m.Passage.Source));
    }

    [Fact]
    public void The_best_sentence_is_the_one_holding_most_of_the_words()
    {
        var passage = ArchiveCorpus.Articles.Single(a => a.Id == 3).Text;

        var sentence = ArchiveSearch.BestSentence(passage, CryptoDigest.Knowledge.TextTokenizer.Tokenize("cumulative since launch").ToHashSet());

        Assert.Equal("Cumulative inflows since launch now exceed $40 billion.", sentence);
    }

    [Fact]
    public void Local_vectors_have_384_dimensions_and_unit_length()
    {
        var vector = ArchiveCorpus.Instance.Embed("bitcoin");

        Assert.Equal(LocalSentenceEmbeddingGenerator.Dimensions, vector.Length);
        Assert.InRange(System.Numerics.Tensors.TensorPrimitives.Norm(vector), 0.99f, 1.01f);
        Assert.True(LocalSentenceEmbeddingGenerator.IsLoaded);
    }
}
