using CryptoDigest.Summaries;

namespace CryptoDigest.Tests.Summaries;

public class ExtractiveSummarizerTests
{
    // An article written for this test in the shape of an on-chain weekly.
    private const string OnChainWeekly = """
        Bitcoin closed the week at $91,400, up 6.2% after spot ETF inflows of $1.1 billion, the largest weekly intake since March.
        Long-term holders kept distributing into the rally, selling roughly 140,000 BTC over the past 30 days.
        Short-term holder cost basis now sits near $84,000, which has acted as support in each pullback this month.
        Exchange balances fell to 2.3 million BTC, the lowest level since 2018, as coins moved into self-custody and ETF custodians.
        Funding rates on perpetual futures stayed modest at 0.01% per eight hours, suggesting leverage has not yet built up.
        Meanwhile, miners sent fewer coins to exchanges than in any week of the year.
        Subscribe to get the next issue in your inbox.
        Options traders added calls at the $100,000 strike for the December expiry, lifting open interest to $18 billion.
        Ether lagged, gaining 1.4% to $3,050 as staking deposits slowed.
        The overall picture is a market rising on spot demand rather than leverage, which has historically been the healthier kind of rally.
        """;

    [Fact]
    public void The_summary_keeps_the_lead_facts_with_their_figures()
    {
        var summary = ExtractiveSummarizer.Summarize(OnChainWeekly);

        Assert.StartsWith("Bitcoin closed the week at $91,400, up 6.2%", summary, StringComparison.Ordinal);
        Assert.Contains("$1.1 billion", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Subscribe", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_is_two_to_four_verbatim_sentences_in_article_order()
    {
        var sentences = ExtractiveSummarizer.SplitSentences(OnChainWeekly);

        var summary = ExtractiveSummarizer.SplitSentences(ExtractiveSummarizer.Summarize(OnChainWeekly));

        Assert.InRange(summary.Count, 2, 4);
        var positions = summary.Select(s => sentences.ToList().IndexOf(s)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Theory]
    [InlineData("The U.S. market opened at 9.30 a.m. and Dr. Smith spoke. Then it closed.", 2)]
    [InlineData("Prices rose 3.5% on Monday. Volume hit $1.2B! Was it enough? Nobody knows.", 4)]
    [InlineData("He said \"it is over.\" Then he left.", 2)]
    public void Sentences_split_at_their_ends_and_not_at_decimals_or_abbreviations(string text, int count)
    {
        Assert.Equal(count, ExtractiveSummarizer.SplitSentences(text).Count);
    }

    [Fact]
    public void A_short_text_is_returned_whole()
    {
        Assert.Equal("Glassnode's weekly looks at holder cohorts this week.", ExtractiveSummarizer.Summarize("Glassnode's weekly looks at holder cohorts this week."));
    }

    [Fact]
    public void Empty_text_gives_an_empty_summary()
    {
        Assert.Equal(string.Empty, ExtractiveSummarizer.Summarize("   "));
    }
}
