using CryptoDigest.Archive;
using CryptoDigest.Orchestration;

namespace CryptoDigest.Tests.Orchestration;

/// <summary>The checks on a model's answer over retrieved archive passages (docs/archive.md, "With a model").</summary>
public class ArchiveAnswerCheckTests
{
    private static readonly ArchiveHit Etf = Hit(1, "Flows Weekly", "ETF flows", "https://news.example.com/etf",
        "Spot bitcoin ETFs took in $1.2 billion of net inflows on Tuesday, led by BlackRock's IBIT. Cumulative inflows since launch now exceed $40 billion.");

    private static readonly ArchiveHit Phishing = Hit(2, "Security Weekly", "Phishing wave", "https://news.example.com/phish",
        "A phishing campaign impersonated a hardware wallet vendor with lookalike domains registered over the weekend.");

    private static readonly IReadOnlyList<ArchiveHit> Retrieved = [Etf, Phishing];

    [Fact]
    public void Passage_ids_become_footnotes_in_the_order_first_cited()
    {
        var answer = ArchiveAnswerCheck.Check("Phishers copied a wallet vendor's site [p2]. ETFs took in $1.2 billion on Tuesday [p1][p2].", Retrieved);

        Assert.NotNull(answer);
        Assert.Equal("Phishers copied a wallet vendor's site [1]. ETFs took in $1.2 billion on Tuesday [2][1].", answer.Text);
        Assert.Equal([Phishing, Etf], answer.Cited);
        Assert.Equal((0, 0), (answer.RemovedSentences, answer.DroppedCitations));
    }

    [Fact]
    public void A_citation_to_a_passage_that_was_not_retrieved_is_dropped_and_a_sentence_citing_only_such_goes_with_it()
    {
        var answer = ArchiveAnswerCheck.Check("ETFs kept drawing money [p1][p7]. Regulators approved more funds [p9]. Flows were steady.", Retrieved);

        Assert.NotNull(answer);
        Assert.Equal("ETFs kept drawing money [1]. Flows were steady.", answer.Text);
        Assert.Equal([Etf], answer.Cited);
        Assert.Equal((2, 1), (answer.DroppedCitations, answer.UncitedSentences));
    }

    [Fact]
    public void A_sentence_with_a_number_no_cited_passage_holds_is_removed()
    {
        var answer = ArchiveAnswerCheck.Check("ETFs took in $1.2 billion on Tuesday [p1]. That makes $55 billion since launch [p1]. Inflows exceed $40 billion [p1].", Retrieved);

        Assert.NotNull(answer);
        Assert.Equal("ETFs took in $1.2 billion on Tuesday [1]. Inflows exceed $40 billion [1].", answer.Text);
        Assert.Equal(1, answer.RemovedSentences);
    }

    [Fact]
    public void A_number_is_checked_against_the_passages_cited_not_every_passage_retrieved()
    {
        // 1.2 is in the ETF passage, which this answer does not cite.
        var answer = ArchiveAnswerCheck.Check("The phishing wave took 1.2 billion [p2]. Lookalike domains were registered [p2].", Retrieved);

        Assert.Equal("Lookalike domains were registered [1].", answer!.Text);
    }

    [Theory]
    [InlineData("ETFs took in $9 billion [p1].")]
    [InlineData("ETFs are popular [p5].")]
    [InlineData("ETFs are popular.")]
    [InlineData("")]
    public void An_answer_left_without_a_sentence_citing_a_retrieved_passage_is_no_answer(string text)
    {
        Assert.Null(ArchiveAnswerCheck.Check(text, Retrieved));
    }

    [Fact]
    public void A_link_that_is_not_a_cited_issues_is_removed()
    {
        var answer = ArchiveAnswerCheck.Check("Read more at https://evil.example.com/claim about ETFs [p1].", Retrieved);

        Assert.Equal("Read more at [link removed] about ETFs [1].", answer!.Text);
    }

    [Fact]
    public void Thousands_separators_and_the_issue_date_do_not_count_as_made_up()
    {
        Assert.Equal([1_200_500_000m, 40m], WrittenNumbers.Read("$1,200.5 million and 40% in L2 [p3]").Select(n => n.Value));
        var answer = ArchiveAnswerCheck.Check("On 3 Dec 2026 Flows Weekly said inflows exceed 40 billion [p1].", Retrieved);

        Assert.Equal("On 3 Dec 2026 Flows Weekly said inflows exceed 40 billion [1].", answer!.Text);
    }

    [Theory]
    [InlineData("ETFs took in $1.2bn on Tuesday [p1].")]
    [InlineData("ETFs took in 1.2 billion dollars on Tuesday [p1].")]
    [InlineData("ETFs took in $1,200 million on Tuesday [p1].")]
    [InlineData("Inflows since launch exceed forty billion dollars [p1].")]
    [InlineData("Inflows since launch exceed $40bn, one of the largest totals [p1].")]
    public void A_figure_written_otherwise_with_the_same_value_is_kept(string sentence)
    {
        var answer = ArchiveAnswerCheck.Check(sentence, Retrieved);

        Assert.Equal(0, answer!.RemovedSentences);
        Assert.Equal(sentence.Replace("[p1]", "[1]", StringComparison.Ordinal), answer.Text);
    }

    [Theory]
    [InlineData("ETFs took in two million dollars on Tuesday [p1].")]
    [InlineData("ETFs took in $1.2 million on Tuesday [p1].")]
    [InlineData("ETFs took in $12bn on Tuesday [p1].")]
    [InlineData("Inflows since launch exceed forty-five billion [p1].")]
    [InlineData("Inflows grew by twelve percent [p1].")]
    public void A_made_up_figure_is_caught_whether_written_in_words_or_with_another_scale(string sentence)
    {
        var answer = ArchiveAnswerCheck.Check(sentence + " Lookalike domains were registered [p2].", Retrieved);

        Assert.Equal("Lookalike domains were registered [1].", answer!.Text);
        Assert.Equal(1, answer.RemovedSentences);
    }

    [Fact]
    public void A_passage_writing_its_figures_in_words_holds_them_in_digits_too()
    {
        var usdt = Hit(3, "Stable Notes", "USDT supply", "https://news.example.com/usdt",
            "Tether minted three billion USDT this month, and forty percent of it went to Tron.");

        var answer = ArchiveAnswerCheck.Check("Tether minted $3bn of USDT [p1]. 40 % of it went to Tron [p1]. Another 2 billion is planned [p1].", [usdt]);

        Assert.Equal("Tether minted $3bn of USDT [1]. 40 % of it went to Tron [1].", answer!.Text);
        Assert.Equal(1, answer.RemovedSentences);
    }

    private static ArchiveHit Hit(long id, string source, string title, string url, string passage) =>
        new(id, source, title, new Uri(url), new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero), false, id * 10, passage, passage, 1);
}
