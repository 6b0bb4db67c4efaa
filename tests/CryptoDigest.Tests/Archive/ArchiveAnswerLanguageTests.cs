using CryptoDigest.Archive;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Archive;

/// <summary>
/// The archive answer's own lines (abstention, coverage, counts) in the chat's language on the fixed corpus; the
/// quotes, newsletter names, dates and counts stay exactly as in English.
/// </summary>
public class ArchiveAnswerLanguageTests
{
    private const float MinSimilarity = 0.35f;
    private static readonly string[] Sources = ["Glassnode", "Kaiko Research", "The Block", "Hashrate Index", "Security Weekly", "Messari"];

    [Fact]
    public void An_uncovered_name_is_said_in_spanish_with_the_same_window()
    {
        var reply = Answer("what did the newsletters say about the FTX collapse", "es");

        Assert.Equal("Los boletines que leo no tratan FTX: busqué en los números de 7 Oct – 6 Dec.", reply.Blocks[0].Text);
    }

    [Fact]
    public void Coverage_is_counted_in_spanish_with_the_same_figures()
    {
        var english = Answer("what do the newsletters say about bitcoin", "en", words: true);
        var spanish = Answer("what do the newsletters say about bitcoin", "es", words: true);

        Assert.Equal("2 de 6 boletines escribieron sobre “bitcoin”, 7 Oct – 6 Dec:", spanish.Blocks[0].Text);
        Assert.Equal(["Glassnode (1 número)", "The Block (1 número)"], spanish.Blocks.Skip(1).Select(b => b.Heading!).Order(StringComparer.Ordinal));
        Assert.Equal(english.Blocks.Skip(1).Select(b => b.Text), spanish.Blocks.Skip(1).Select(b => b.Text));
    }

    private static ChatReply Answer(string question, string language, bool words = false)
    {
        var corpus = ArchiveCorpus.Instance;
        var parsed = ArchiveQuestion.Parse(question, Sources, 365) ?? throw new InvalidOperationException("not an archive question");
        var snapshot = words ? corpus.WordsOnly : corpus.WithVectors;
        var vector = words || parsed.Topic.Length == 0 ? null : corpus.Embed(parsed.Topic);
        return ArchiveAnswerer.Compose(parsed, snapshot, vector, MinSimilarity, Sources.Length, ArchiveCorpus.Today, ReplyTexts.For(language));
    }
}
