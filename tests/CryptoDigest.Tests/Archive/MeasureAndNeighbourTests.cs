using CryptoDigest.Archive;
using CryptoDigest.Knowledge;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Archive;

/// <summary>
/// The kind of figure a question asks for, the quote that weighs it and the sentences around a figure, and an
/// abstention for a name the archive's issues on the topic do not mention standing over an unrelated knowledge passage.
/// </summary>
public class MeasureAndNeighbourTests
{
    private static readonly string[] Sources = ["Bankless", "Milk Road", "Kaiko Research"];

    [Theory]
    [InlineData("how long was the chain down for", QuestionMeasure.Duration)]
    [InlineData("how many wallets touched it", QuestionMeasure.Count)]
    [InlineData("how much got liquidated and what share was longs", QuestionMeasure.Amount)]
    [InlineData("what share of the volume are they doing now", QuestionMeasure.Share)]
    [InlineData("how much of the supply is staked", QuestionMeasure.Share)]
    [InlineData("how fat was the kimchi premium", QuestionMeasure.Level)]
    [InlineData("did the dao sell the treasury, what %", QuestionMeasure.Share)]
    [InlineData("why did the chain go down", QuestionMeasure.None)]
    [InlineData("lyn thinks america has what chunk of the worlds mining power", QuestionMeasure.Share)]
    [InlineData("how hard did the exchange token dump", QuestionMeasure.Level)]
    [InlineData("did the aysgarth buyback vote pass, by how much", QuestionMeasure.Level)]
    [InlineData("back in july where was the short term holder cost basis", QuestionMeasure.Level)]
    [InlineData("hvg dumped how much the day of the routing bug", QuestionMeasure.Level)]
    public void The_kind_of_figure_asked_for_is_read_from_the_question(string question, QuestionMeasure measure)
    {
        var parsed = ArchiveQuestion.ParseOpen(question, Sources, 365);

        Assert.Equal(measure, parsed.Measure);
        Assert.Equal(measure != QuestionMeasure.None, parsed.AsksFigure);
    }

    [Theory]
    [InlineData("Blocks resumed after 9 hours 40 minutes.", QuestionMeasure.Duration, true)]
    [InlineData("About 412,000 transactions piled up.", QuestionMeasure.Duration, false)]
    [InlineData("Turnout reached 62% of voting power.", QuestionMeasure.Share, true)]
    [InlineData("Around $1.1 billion in positions got liquidated.", QuestionMeasure.Amount, true)]
    [InlineData("Miners sent 4,100 BTC to exchanges.", QuestionMeasure.Amount, true)]
    [InlineData("About 143,000 wallets touched it.", QuestionMeasure.Count, true)]
    [InlineData("The premium rose by 6.3% last week.", QuestionMeasure.Count, false)]
    [InlineData("Nobody lost funds.", QuestionMeasure.Level, false)]
    [InlineData("Products saw outflows of US$482m last week.", QuestionMeasure.Amount, true)]
    [InlineData("Volumes fell to 9.6bn for the week.", QuestionMeasure.Level, true)]
    [InlineData("The v4 upgrade shipped on L2.", QuestionMeasure.Level, false)]
    public void A_sentence_fits_the_kind_of_figure_it_holds(string sentence, QuestionMeasure measure, bool fits)
    {
        Assert.Equal(fits, new QuotedSentence(sentence, 0, 0, new HashSet<string>(), false).Fits(measure));
    }

    [Fact]
    public void A_figure_two_sentences_after_the_topic_is_quoted_when_the_question_asks_how_long()
    {
        var quote = QuoteFor("The timeline is simple and ugly. A faulty upgrade pushed malformed data to L1, and the operator paused the chain while engineers rolled back. Blocks resumed after 9 hours 40 minutes. Nobody lost funds, but nobody could move them either.", "how long was it down? bankless had the timeline");

        Assert.Contains("9 hours 40 minutes", quote, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sentence_holding_the_share_asked_for_is_quoted_beside_another_figure_on_the_same_topic()
    {
        var quote = QuoteFor("The single biggest liquidation was a $31 million long on an offshore exchange. Shares of exchanges fell too. CPI day was brutal for leverage. Around $1.1 billion in positions got liquidated over 24 hours, and 83% of that was longs.", "cpi day, how much got liquidated and what share was longs");

        Assert.Contains("83%", quote, StringComparison.Ordinal);
    }

    [Fact]
    public void An_abstention_for_a_name_the_issues_on_the_topic_lack_stands_over_a_less_close_knowledge_passage()
    {
        var question = ArchiveQuestion.ParseOpen("is harbor restaking still paying decent yields", Sources, 365);
        var abstaining = new ArchiveFindings(question, true, [], "1–6 Dec", 3, ChatReply.Text("do not cover harbor")) { Similarity = 0.6f, NameNotHeld = true };
        var nothingRelevant = abstaining with { NameNotHeld = false };
        var further = new KnowledgeAnswer("q", []) { Similarity = 0.35f, Coverage = 0.5 };
        var closer = new KnowledgeAnswer("q", []) { Similarity = 0.7f, Coverage = 1 };

        Assert.True(ArchiveAnswerer.AnswersBetter(abstaining, further));
        Assert.False(ArchiveAnswerer.AnswersBetter(abstaining, closer));
        Assert.False(ArchiveAnswerer.AnswersBetter(nothingRelevant, further));
    }

    [Theory]
    [InlineData("is harbor restaking still paying decent yields", "harbor")]
    [InlineData("how much eth left restaking after the slashing", null)]
    public void An_english_word_before_what_a_project_offers_is_its_name_where_a_name_can_start(string question, string? name)
    {
        var indexed = new IndexedVocabulary();
        indexed.Set("archive", new HashSet<string>(["restaking", "eth", "slashing", "yields"], StringComparer.Ordinal));

        var names = NameWords.Find(question, indexed, kindNamed: true);

        if (name is null)
        {
            Assert.Empty(names);
        }
        else
        {
            Assert.Contains(name, names);
        }
    }

    [Fact]
    public void Each_coverage_line_carries_the_figure_its_newsletter_gave()
    {
        var snapshot = new ArchiveSnapshot(
        [
            new IndexedPassage(1, 1, "Bankless", "Miners and Paraguay", null, ArchiveCorpus.Today.AddDays(-3), false, "The Paraguay tariff on miners is the story of the month for hashrate, and it has moved more machines than any policy change since the ban in China did. Capacity switched off there came to about 60 EH/s by our count.", null),
            new IndexedPassage(2, 2, "Milk Road", "Daily", null, ArchiveCorpus.Today.AddDays(-2), false, "Paraguay made its miners pay more for power, and the tariff stung everyone who had signed hosting contracts there in the spring before the vote. Listed mining stocks fell 14% in two weeks.", null),
        ], "v1");
        var question = ArchiveQuestion.Parse("what do the newsletters say about the paraguay tariff", Sources, 365)!;

        var reply = ArchiveAnswerer.Find(question, snapshot, null, 0.35f, 3, ArchiveCorpus.Today).Offline;

        Assert.Contains(reply.Blocks, b => b.Text.Contains("60 EH/s", StringComparison.Ordinal));
        Assert.Contains(reply.Blocks, b => b.Text.Contains("14%", StringComparison.Ordinal));
    }

    [Fact]
    public void A_name_written_in_another_found_passage_of_the_issue_is_held()
    {
        // The gold record and the Bank of England's rescue sit in two paragraphs; only the second writes "BoE".
        var snapshot = new ArchiveSnapshot(
        [
            new IndexedPassage(1, 1, "Milk Road", "The Bank of England Hit the Panic Button", null, ArchiveCorpus.Today.AddDays(-3), false, "On Wednesday gilts got smoked, 30-year yields ripped higher, and the BoE stepped in with an emergency bond-buying program to stop things from spiralling.", null),
            new IndexedPassage(2, 1, "Milk Road", "The Bank of England Hit the Panic Button", null, ArchiveCorpus.Today.AddDays(-3), false, "Bitcoiners tend to see that as the whole point of holding something with a fixed supply. Gold, by the way, hit a new record at $4,420 an ounce on the same day.", null),
        ], "v1");
        var question = ArchiveQuestion.ParseOpen("gold hit a record the same day the BoE stepped in right? what price", Sources, 365);

        var reply = ArchiveAnswerer.Find(question, snapshot, null, 0.35f, 3, ArchiveCorpus.Today).Offline;

        Assert.DoesNotContain("do not cover", reply.Blocks[0].Text, StringComparison.Ordinal);
        Assert.Contains(reply.Blocks, b => b.Text.Contains("$4,420", StringComparison.Ordinal));
    }

    [Fact]
    public void The_best_issue_also_quotes_its_next_best_sentences_where_a_second_figure_asked_for_sits()
    {
        // The issue's opening passage gives the headline figures; the body goes on about the same jobs and unemployment.
        var opening = Passage(1, "The jobs report on Friday was the weakest in years. Non-farm payrolls shrank by 41,000 in October, where a small gain was expected, and earlier months were revised down by 88,000. The unemployment rate climbed to 4.7%. One bad print is not a trend.");
        var body = Passage(2, "Unemployment claims and the payrolls report both point to jobs lost in construction and temporary help: 63,000 of them. Health care hiring, which carried the payrolls number for two years, slowed too, to 12,000 jobs.");
        string Quote(int bestSentences) => QuoteOfIssue([opening, body], "lyn on the jobs report, how bad was the payrolls number and unemployment", bestSentences);

        Assert.DoesNotContain("41,000", Quote(0), StringComparison.Ordinal);
        Assert.Contains("41,000", Quote(4), StringComparison.Ordinal);
        Assert.Contains("4.7%", Quote(4), StringComparison.Ordinal);
    }

    [Fact]
    public void The_best_issue_quotes_its_headline_figure_when_the_body_talks_of_other_flows()
    {
        var opening = Passage(1, "Digital asset investment products saw outflows of US$482m last week, ending a run of five weeks of inflows. The outflows followed strong retail sales data, which cooled hopes of a rate cut.");
        var body = Passage(2, "Bitcoin funds saw outflows of US$395m, while short products took in US$11m. Ethereum funds saw outflows of US$71m as staking products held up. Regionally, the outflows were concentrated in US funds at US$447m, and funds in Sweden saw outflows of US$21m. Tokenised money market funds saw subscriptions of US$1.1bn so far in September.");
        string Quote(int bestSentences) => QuoteOfIssue([body, opening], "coinshares late september when rate cut hopes died, how much left the funds", bestSentences);

        Assert.DoesNotContain("US$482m", Quote(0), StringComparison.Ordinal);
        Assert.Contains("US$482m", Quote(4), StringComparison.Ordinal);
    }

    [Fact]
    public void A_quote_past_its_length_leaves_out_a_later_chosen_sentence_whole_and_keeps_the_figure_asked_for()
    {
        // Four long sentences on the buyback, the vote's result last: cut at a length, the figure would go.
        var body = Passage(2, "Aysgarth DAO, which governs a set of liquid staking tokens on several chains, put a buyback of its governance token to a vote after months of debate on its forum about what to do with its growing protocol revenue and treasury. "
            + "Supporters of the buyback argued that the token had traded below the value of the treasury for most of the year, and that a steady buyback from revenue would close that gap better than any incentive programme the DAO could fund. "
            + "Critics of the buyback said the DAO should keep its revenue for audits and for the insurance fund that backs its staking tokens, pointing to the losses other liquid staking protocols took this year when their validators were slashed. "
            + "In the end, after a week in which the largest holders of its staking tokens weighed in on both sides of the forum thread, the vote was not close: holders approved the buyback with 92% of votes cast.");

        var quote = QuoteOfIssue([body], "did the aysgarth buyback vote pass, by how much", bestSentences: 4);

        Assert.Contains("92% of votes cast", quote, StringComparison.Ordinal);
        Assert.DoesNotContain("…”", quote, StringComparison.Ordinal);
        Assert.EndsWith(".", quote, StringComparison.Ordinal);
    }

    // The sentences quoted from an issue's passages (passage 1 its opening) for a question; bestSentences as for an answer's best issue.
    private static string QuoteOfIssue(IReadOnlyList<IndexedPassage> passages, string questionText, int bestSentences)
    {
        var question = ArchiveQuestion.ParseOpen(questionText, Sources, 365);
        var terms = TextTokenizer.Tokenize(question.Topic).ToHashSet(StringComparer.Ordinal);
        return ArchiveAnswerer.QuotedSentences(passages, terms, question.AsksFigure, openingPassageId: 1, measure: question.Measure, bestSentences: bestSentences);
    }

    // The sentences quoted from one passage for a question, as the answerer chooses them.
    private static string QuoteFor(string passageText, string questionText)
    {
        var question = ArchiveQuestion.ParseOpen(questionText, Sources, 365);
        var terms = TextTokenizer.Tokenize(question.Topic).ToHashSet(StringComparer.Ordinal);
        return ArchiveAnswerer.QuotedSentences([Passage(1, passageText)], terms, question.AsksFigure, measure: question.Measure);
    }

    private static IndexedPassage Passage(long id, string text) =>
        new(id, 1, "Bankless", "The L2 Reckoning", null, ArchiveCorpus.Today, false, text, null);
}
