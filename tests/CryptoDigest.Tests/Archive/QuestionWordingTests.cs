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

    [Theory]
    [InlineData("how much went into crypto funds the week after the cut", "inflows")]
    [InlineData("did money come back into crypto funds after thanksgiving", "inflows")]
    [InlineData("coinshares, how much left the funds that week", "outflows")]
    public void Money_moving_into_or_out_of_funds_is_searched_as_inflows_or_outflows(string question, string flows)
    {
        Assert.Contains(flows, ArchiveQuestion.ParseOpen(question, Sources, 365).Topic, StringComparison.Ordinal);
    }

    [Fact]
    public void A_verb_of_moving_without_funds_adds_no_flows_and_shorthand_is_searched_as_written_out()
    {
        Assert.DoesNotContain("flows", ArchiveQuestion.ParseOpen("what went into the decision to pause the bridge", Sources, 365).Topic, StringComparison.Ordinal);
        Assert.Equal("year-to-date inflows", ArchiveQuestion.ParseOpen("coinshares ytd inflows", Sources, 365).Topic);
    }

    [Fact]
    public void A_question_ending_in_at_asks_for_a_level()
    {
        var parsed = ArchiveQuestion.ParseOpen("what did glassnode put the average etf cost basis at", Sources, 365);

        Assert.True(parsed.AsksFigure);
        Assert.Equal(QuestionMeasure.Level, parsed.Measure);
    }

    [Fact]
    public void The_words_after_which_say_what_kind_of_thing_is_asked_for_and_name_nothing()
    {
        Assert.Empty(ArchiveQuestion.ParseOpen("which gpu rental network was like 40% of depin revenue", Sources, 365).Names);
        Assert.Contains("verity chain", ArchiveQuestion.ParseOpen("any news on verity chain mainnet", Sources, 365).Names);
    }

    [Fact]
    public void What_a_token_is_for_names_no_token()
    {
        Assert.Empty(ArchiveQuestion.ParseOpen("milk road on tidewell, how hard did the exchange token dump", Sources, 365).Names);
        Assert.Contains("ostwick token", ArchiveQuestion.ParseOpen("how hard did the ostwick token dump", Sources, 365).Names);
        Assert.DoesNotContain(ArchiveQuestion.ParseOpen("that new gold token backed by zurich bars, how much came in", Sources, 365).Names, n => n.Contains("gold", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("wen next eth hardfork on mainnet")]
    [InlineData("milk road on the gorsefield heist, how much did the guy get")]
    [InlineData("coinshares flows when the miner filed ch11")]
    [InlineData("what happened to bund yields after the cut")]
    public void Trade_words_and_chapters_name_nothing(string question)
    {
        var names = ArchiveQuestion.ParseOpen(question, Sources, 365).Names;

        Assert.DoesNotContain(names, n => n is "hardfork" or "heist" or "ch11" or "bund");
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

    [Fact]
    public void An_issue_naming_what_was_asked_beats_a_closer_knowledge_passage_that_does_not_name_it()
    {
        var question = ArchiveQuestion.ParseOpen("wat yield is susde paying rn", Sources, 365);
        var hit = new ArchiveHit(1, "The Defiant", "Yields", new Uri("https://example.org/1"), ArchiveCorpus.Today, false, 1, "sUSDe pays 6.8%.", "sUSDe pays 6.8%.", 1);
        var quotes = new ArchiveFindings(question, true, [hit], "1–6 Dec", 3, ChatReply.Text("quotes")) { WordShare = 0.3, HeldNames = ["susde"] };
        var ponzi = new KnowledgeAnswer("wat yield is susde paying rn", [new AnswerPassage(KnowledgeTopic.Security, "Ponzi schemes", "They pay earlier investors.", "guide", 1)]) { Coverage = 0.6 };
        var naming = ponzi with { Passages = [new AnswerPassage(KnowledgeTopic.Security, "sUSDe", "sUSDe is a synthetic dollar.", "guide", 1)] };

        Assert.True(ArchiveAnswerer.AnswersBetter(quotes, ponzi));
        Assert.False(ArchiveAnswerer.AnswersBetter(quotes, naming));
    }

    [Fact]
    public void An_abstention_for_a_name_the_found_issues_lack_stands_over_a_passage_that_does_not_name_it()
    {
        var question = ArchiveQuestion.ParseOpen("is the osprey wallet bug fixed yet", Sources, 365) with { Names = ["osprey"] };
        var abstains = new ArchiveFindings(question, true, [], "1–6 Dec", 3, ChatReply.Text("not covered")) { NameNotHeld = true };
        var wallets = new KnowledgeAnswer("is the osprey wallet bug fixed yet", [new AnswerPassage(KnowledgeTopic.Security, "Hot wallets", "A hot wallet is online.", "guide", 1)]) { Coverage = 0.6 };
        var naming = wallets with { Passages = [new AnswerPassage(KnowledgeTopic.Security, "Osprey", "The Osprey wallet fixed its bug.", "guide", 1)] };

        Assert.True(ArchiveAnswerer.AnswersBetter(abstains, wallets));
        Assert.False(ArchiveAnswerer.AnswersBetter(abstains, naming));
    }

    [Fact]
    public void A_figure_of_the_present_about_a_name_no_issue_holds_is_not_answered_from_the_dated_articles()
    {
        var snapshot = ArchiveCorpus.Instance.WordsOnly;
        var question = ArchiveQuestion.ParseOpen("kestrelbit proof of reserves numbers this month?", Sources, 365, snapshot.Vocabulary);
        var findings = ArchiveAnswerer.Find(question, snapshot, null, 0.35f, 3, ArchiveCorpus.Today);
        var hack = new KnowledgeAnswer("kestrelbit proof of reserves numbers this month?", [new AnswerPassage(KnowledgeTopic.Security, "Kestrelbit hack (2019)", "Kestrelbit lost 7000 BTC in 2019.", "guide", 1)]) { Coverage = 0.6 };

        Assert.True(findings.AsksPresentFigure);
        Assert.True(ArchiveAnswerer.AnswersBetter(findings, hack));
        Assert.False(ArchiveAnswerer.Find(ArchiveQuestion.ParseOpen("kestrelbit proof of reserves numbers in 2019", Sources, 365, snapshot.Vocabulary), snapshot, null, 0.35f, 3, ArchiveCorpus.Today).AsksPresentFigure);
    }
}
