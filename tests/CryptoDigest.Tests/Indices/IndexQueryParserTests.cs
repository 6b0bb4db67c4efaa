using CryptoDigest.Indices;

namespace CryptoDigest.Tests.Indices;

public class IndexQueryParserTests
{
    [Fact]
    public void Sub_commands_default_to_top_ten_cap_365_days_monthly()
    {
        var query = IndexQueryParser.Parse("compare", out var error);

        Assert.Null(error);
        Assert.Equal(new IndexQuery(IndexQueryKind.Compare), query);
    }

    [Theory]
    [InlineData("weights top5 capped:25", IndexQueryKind.Weights, 5, "capped:25", 365, RebalanceFrequency.Monthly)]
    [InlineData("weights top 20 sqrt", IndexQueryKind.Weights, 20, "sqrt", 365, RebalanceFrequency.Monthly)]
    [InlineData("concentration top15", IndexQueryKind.Concentration, 15, "cap", 365, RebalanceFrequency.Monthly)]
    [InlineData("compare top10 90d weekly", IndexQueryKind.Compare, 10, "cap", 90, RebalanceFrequency.Weekly)]
    [InlineData("compare 2y quarterly capped:30", IndexQueryKind.Compare, 10, "capped:30", 730, RebalanceFrequency.Quarterly)]
    [InlineData("weights top capped", IndexQueryKind.Weights, 10, "capped:25", 365, RebalanceFrequency.Monthly)]
    [InlineData("compare 6m equal", IndexQueryKind.Compare, 10, "equal", 180, RebalanceFrequency.Monthly)]
    public void Sub_command_options_are_read_in_any_order(string text, IndexQueryKind kind, int top, string scheme, int days, RebalanceFrequency rebalance)
    {
        var query = IndexQueryParser.Parse(text, out var error);

        Assert.Null(error);
        Assert.NotNull(query);
        Assert.Equal((kind, top, scheme, days, rebalance), (query.Kind, query.Top, query.WeightScheme.ToString(), query.Days, query.Rebalance));
    }

    [Theory]
    [InlineData("how concentrated is the top 10?", IndexQueryKind.Concentration, null)]
    [InlineData("How much of a top-10 cap-weighted index is Bitcoin today?", IndexQueryKind.Concentration, null)]
    [InlineData("what would a top-10 equal-weight index have done over the last year, rebalanced monthly?", IndexQueryKind.Compare, null)]
    [InlineData("What does a 25 % cap change?", IndexQueryKind.Weights, null)]
    [InlineData("how far is ETH below its peak?", IndexQueryKind.Drawdown, "eth")]
    [InlineData("what's the drawdown of solana", IndexQueryKind.Drawdown, "solana")]
    public void Free_questions_that_ask_for_a_figure_become_computed_queries(string text, IndexQueryKind kind, string? coin)
    {
        var query = IndexQueryParser.Parse(text, out var error);

        Assert.Null(error);
        Assert.NotNull(query);
        Assert.Equal(kind, query.Kind);
        Assert.Equal(coin, query.Coin);
    }

    [Theory]
    [InlineData("how much did ethereum drop from its peak in 2022", IndexQueryKind.Drawdown, "ethereum", "2022")]
    [InlineData("did the value index hold up in the 2022 crash", IndexQueryKind.Compare, null, "2022")]
    [InlineData("in 2022 how far was eth below its peak", IndexQueryKind.Drawdown, "eth", "2022")]
    [InlineData("how far has solana fallen from its peak since March", IndexQueryKind.Drawdown, "solana", "since March")]
    [InlineData("drawdown eth 2022", IndexQueryKind.Drawdown, "eth", "2022")]
    public void A_question_about_a_past_period_carries_the_period(string text, IndexQueryKind kind, string? coin, string period)
    {
        var query = IndexQueryParser.Parse(text, out var error);

        Assert.Null(error);
        Assert.NotNull(query);
        Assert.Equal((kind, coin, period), (query.Kind, query.Coin, query.Period?.Label));
    }

    [Fact]
    public void A_top_100_question_keeps_the_top_it_asked_for_and_no_period()
    {
        var query = IndexQueryParser.Parse("how much of a top 100 index is btc", out _);

        Assert.Equal((IndexQueryKind.Concentration, 100, (IndexPeriod?)null), (query!.Kind, query.Top, query.Period));
    }

    [Fact]
    public void A_cap_written_in_prose_becomes_the_capped_scheme()
    {
        var query = IndexQueryParser.Parse("What does a 25 % cap change?", out _);

        Assert.Equal("capped:25", query!.WeightScheme.ToString());
    }

    [Theory]
    [InlineData("why market cap weighting")]
    [InlineData("is bitcoin safer vs ethereum")]
    [InlineData("how much of my salary should I invest")]
    [InlineData("what is rebalancing")]
    public void Knowledge_questions_are_left_to_the_knowledge_base(string text)
    {
        Assert.Null(IndexQueryParser.Parse(text, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("weights top500", "The top must be 1 to 100")]
    [InlineData("compare 1d", "The period must be 2 to 3650 days")]
    [InlineData("weights capped:0", "The cap in 'capped:0' must be a percentage")]
    [InlineData("weights banana", "I don't understand \"banana\" here. Usage: /index weights")]
    [InlineData("drawdown", "Usage: /index drawdown <coin>")]
    [InlineData("weights top 0", "The top must be 1 to 100")]
    [InlineData("weights cappedx", "Unknown scheme 'cappedx'")]
    [InlineData("drawdown eth btc", "I don't understand \"btc\" here. Usage: /index drawdown")]
    public void Bad_sub_command_options_get_a_one_line_explanation(string text, string expected)
    {
        Assert.Null(IndexQueryParser.Parse(text, out var error));
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }
}
