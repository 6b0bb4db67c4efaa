using CryptoDigest.Indices;

namespace CryptoDigest.Tests.Indices;

public class IndexPeriodTests
{
    private static readonly DateOnly Today = new(2026, 12, 6);

    [Theory]
    [InlineData("how much did ethereum drop from its peak in 2022", "2022", "2022-01-01", "2022-12-31")]
    [InlineData("did the value index hold up in the 2022 crash", "2022", "2022-01-01", "2022-12-31")]
    [InlineData("how far has eth fallen from its peak since March", "since March", "2026-03-01", "2026-12-06")]
    [InlineData("drawdown of sol since sept 2025", "since sept 2025", "2025-09-01", "2026-12-06")]
    [InlineData("how did an equal weight index do since 2024", "since 2024", "2024-01-01", "2026-12-06")]
    [InlineData("btc drawdown in 2026", "2026", "2026-01-01", "2026-12-06")]
    public void A_year_or_a_since_is_a_period_with_dates(string text, string label, string from, string to)
    {
        var period = IndexPeriod.Find(text);

        Assert.NotNull(period);
        Assert.Equal(label, period.Label);
        Assert.Equal((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), period.Dates(Today));
    }

    [Fact]
    public void Since_a_month_still_to_come_this_year_means_last_year()
    {
        var period = IndexPeriod.Find("since December");

        Assert.Equal((new DateOnly(2025, 12, 1), new DateOnly(2026, 11, 30)), period!.Dates(new DateOnly(2026, 11, 30)));
    }

    [Theory]
    [InlineData("how did the top 10 do in the last bear market", "the last bear market")]
    [InlineData("how far did eth fall from its peak in the crash", "crash")]
    public void A_named_episode_without_a_year_has_no_dates(string text, string label)
    {
        var period = IndexPeriod.Find(text);

        Assert.NotNull(period);
        Assert.Equal(label, period.Label);
        Assert.Null(period.Dates(Today));
    }

    [Theory]
    [InlineData("how much of a top 100 index is btc")]
    [InlineData("compare top10 365d weekly")]
    [InlineData("how far is ETH below its peak?")]
    [InlineData("weights top20 capped:25")]
    [InlineData("what happened at block 20240")]
    public void Questions_about_now_name_no_period(string text)
    {
        Assert.Null(IndexPeriod.Find(text));
    }
}
