using CryptoDigest.Archive;
using CryptoDigest.Knowledge;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Archive;

/// <summary>
/// How a question's wording is read (round 6, docs/knowledge-retrieval.md): a count of days is a window only after
/// "last" or "past"; market shorthand is no name; a word is named by the kind after it only where the member typed the
/// two side by side; an issuer's coin in a currency is a name held together; news about a named thing keeps the archive's
/// abstention over a knowledge passage that does not name it.
/// </summary>
public class QuestionWordingTests
{
    private static readonly string[] Sources = ["Glassnode", "The Defiant", "CoinShares"];

    [Theory]
    [InlineData("the eth dump in mid august, how much got liquidated in those 2 days", 365)]
    [InlineData("anything on funding rates in the last 3 days", 3)]
    [InlineData("what did glassnode say over the past 10 days", 10)]
    public void A_count_of_days_is_the_window_only_after_last_or_past(string question, int days)
    {
        Assert.Equal(days, ArchiveQuestion.ParseOpen(question, Sources, 365).Days);
    }

    [Theory]
    [InlineData("ltv")]
    [InlineData("aum")]
    [InlineData("govt")]
    public void Market_and_chat_shorthand_is_no_name(string word)
    {
        var indexed = new IndexedVocabulary();
        indexed.Set("issues", IndexedVocabulary.Of(["The figures of the week."]));

        Assert.Empty(NameWords.Find($"what is the {word} now", indexed));
    }

    [Fact]
    public void A_word_is_named_by_the_kind_after_it_only_where_the_two_were_typed_side_by_side()
    {
        var snapshot = ArchiveCorpus.Instance.WordsOnly;

        var apart = ArchiveAnswerer.Find(ArchiveQuestion.ParseOpen("how much did the exchange lose in the hack", Sources, 365, snapshot.Vocabulary), snapshot, null, 0.35f, 3, ArchiveCorpus.Today);
        var together = ArchiveAnswerer.Find(ArchiveQuestion.ParseOpen("did the lantern wallet get drained", Sources, 365, snapshot.Vocabulary), snapshot, null, 0.35f, 3, ArchiveCorpus.Today);

        Assert.DoesNotContain("lose", apart.Question.Names);
        Assert.Contains("lantern", together.Question.Names);
    }

    [Theory]
    [InlineData("how big is tamsin's euro stablecoin now", "tamsin euro")]
    [InlineData("how much tamsin usd stablecoin is out there", "tamsin usd")]
    public void An_issuer_before_the_currency_its_coin_tracks_is_a_name_held_together(string question, string name)
    {
        Assert.Contains(name, ArchiveQuestion.ParseOpen(question, Sources, 365).Names);
    }

    [Fact]
    public void News_about_a_named_thing_keeps_the_archives_abstention_over_a_passage_that_does_not_name_it()
    {
        var question = ArchiveQuestion.ParseOpen("did lantern wallet get drained", Sources, 365) with { Names = ["lantern"] };
        var abstains = new ArchiveFindings(question, true, [], "1–6 Dec", 3, ChatReply.Text("not covered")) { AsksNamedEvent = true };
        var scams = new KnowledgeAnswer("did lantern wallet get drained", [new AnswerPassage(KnowledgeTopic.Security, "Wallet drainers", "A drainer empties a wallet.", "guide", 1)]);
        var naming = new KnowledgeAnswer("did lantern wallet get drained", [new AnswerPassage(KnowledgeTopic.Security, "Lantern", "Lantern wallet was drained.", "guide", 1)]);

        Assert.True(ArchiveAnswerer.AnswersBetter(abstains, scams));
        Assert.False(ArchiveAnswerer.AnswersBetter(abstains, naming));
    }
}
