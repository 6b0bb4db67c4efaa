using CryptoDigest.Archive;

namespace CryptoDigest.Tests.Archive;

/// <summary>
/// Times members name in words ("mid nov", "in october", "after thanksgiving", "a couple months ago") placed on the
/// calendar, and the archive's relevant issues of that time quoted first.
/// </summary>
public class QuestionPeriodTests
{
    private static readonly DateTimeOffset Today = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("coinshares fund flows in mid nov", "2026-11-08", "2026-11-26")]
    [InlineData("how much volume did polymarket do in october", "2026-09-29", "2026-11-11")]
    [InlineData("what happened in early march", "2026-02-27", "2026-03-18")]
    [InlineData("did money come back after thanksgiving", "2026-11-24", "2026-12-11")]
    [InlineData("the thanksgiving week flows", "2026-11-21", "2026-12-08")]
    [InlineData("glasnode cost basis right after the halloween fee thing?", "2026-10-29", "2026-11-15")]
    [InlineData("what did flows look like over xmas", "2025-12-20", "2026-01-06")]
    [InlineData("what did they say a couple months ago", "2026-09-07", "2026-11-06")]
    [InlineData("a few weeks ago someone posted about it", "2026-11-08", "2026-11-22")]
    public void A_time_in_words_is_the_most_recent_such_time_widened(string question, string from, string to)
    {
        var period = QuestionPeriod.Read(ArchiveQuestion.Words(question).Select(w => w.ToLowerInvariant()).ToList());

        Assert.NotNull(period);
        var (start, end) = period.Resolve(Today);
        Assert.Equal((from, to), (start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("what do the newsletters say about a december rate cut")]
    [InlineData("may the bulls win")]
    [InlineData("how much eth left restaking")]
    public void A_month_that_names_what_was_written_about_is_no_time(string question)
    {
        Assert.Null(QuestionPeriod.Read(ArchiveQuestion.Words(question).Select(w => w.ToLowerInvariant()).ToList()));
    }

    [Fact]
    public void The_relevant_issue_of_the_time_asked_about_is_quoted_first()
    {
        var snapshot = new ArchiveSnapshot(
        [
            Issue(1, "Fund flows: outflows for a third week", "Fund flows turned negative as investors pulled $1.12 billion from crypto funds.", 20),
            Issue(2, "Fund flows: record outflows", "Fund flows hit a record as investors pulled $2.37 billion from crypto funds.", 13),
            Issue(3, "Fund flows turn positive", "Fund flows turned positive as investors put $640 million into crypto funds.", 6),
        ], "v1");
        var question = ArchiveQuestion.Parse("what did coinshares say about fund flows in mid nov", ["CoinShares"], 365)!;

        var reply = ArchiveAnswerer.Find(question, snapshot, null, 0.35f, 1, Today).Offline;

        Assert.True(reply.Blocks[1].Text.Contains("$1.12 billion", StringComparison.Ordinal), reply.Blocks[0].Text);
    }

    [Fact]
    public void An_issue_written_after_the_month_asked_about_that_names_the_month_counts_as_of_it()
    {
        // Three October issues on stablecoin volume fill the answer unless the November one, on October's figure, joins them.
        var snapshot = new ArchiveSnapshot(
        [
            Issue(1, "Stablecoins settle across chains", "Stablecoin volume on layer 2 networks grew again, with transfers up 12% on the month.", 50),
            Issue(2, "Order books after the attack", "Stablecoin swaps drove decentralised exchange volume to a new high of 24% of spot.", 45),
            Issue(3, "Sterling steps in", "Sterling stablecoin volume spiked on two exchanges as traders parked cash.", 40),
            Issue(4, "Peso stablecoins and the Mexican corridor", "Combined monthly volume on peso stablecoin pairs reached $1.6 billion in October, up from $270 million in January.", 15),
        ], "v1");
        var question = ArchiveQuestion.ParseOpen("peso stablecoin volume, how much in october", ["CoinShares"], 365);

        var reply = ArchiveAnswerer.Find(question, snapshot, null, 0.35f, 1, Today).Offline;

        Assert.Contains(reply.Blocks, b => b.Text.Contains("$1.6 billion", StringComparison.Ordinal));
    }

    [Fact]
    public void A_holiday_asked_about_is_a_time_and_no_name_an_issue_must_hold()
    {
        var snapshot = new ArchiveSnapshot([Glassnode("The short-term holder cost basis stands at $101,400 after the fee spike.", 34)], "v1");
        var question = ArchiveQuestion.Parse("glasnode short term holder cost basis right after the halloween fee thing?", ["Glassnode"], 365, snapshot.Vocabulary)!;

        var reply = ArchiveAnswerer.Find(question, snapshot, null, 0.35f, 1, Today).Offline;

        Assert.True(reply.Blocks[1].Text.Contains("$101,400", StringComparison.Ordinal), reply.Blocks[0].Text);
    }

    [Fact]
    public void The_words_naming_a_time_need_not_be_held_by_an_issue_of_that_time()
    {
        var snapshot = new ArchiveSnapshot([Glassnode("Exchange balances kept falling this week. They now stand at 2.29 million BTC, a five-year low.", 3)], "v1");
        var question = ArchiveQuestion.Parse("how many btc left on exchanges in glassnode's early dec report", ["Glassnode"], 365, snapshot.Vocabulary)!;

        var reply = ArchiveAnswerer.Find(question, snapshot, null, 0.35f, 1, Today).Offline;

        Assert.Contains("2.29 million BTC", reply.Blocks[1].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("peso stablecoin volume, how much in october", "October")]
    [InlineData("coinshares fund flows in mid nov", null)]
    public void Only_a_whole_month_asked_about_is_looked_for_in_the_issues_words(string question, string? month)
    {
        var period = QuestionPeriod.Read(ArchiveQuestion.Words(question).Select(w => w.ToLowerInvariant()).ToList());

        Assert.Equal(month, period?.Month);
    }

    private static IndexedPassage Glassnode(string text, int daysAgo) =>
        new(1, 1, "Glassnode", "The Week On-chain", null, Today.AddDays(-daysAgo), false, text, null);

    private static IndexedPassage Issue(long id, string title, string text, int daysAgo) =>
        new(id, id, "CoinShares", title, null, Today.AddDays(-daysAgo), false, text, null);
}
