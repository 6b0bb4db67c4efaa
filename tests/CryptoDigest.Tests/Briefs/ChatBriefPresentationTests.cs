using CryptoDigest.Briefs;
using CryptoDigest.Indices;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Briefs;

public class ChatBriefPresentationTests
{
    private static readonly DateTimeOffset End = new(2026, 12, 4, 6, 0, 0, TimeSpan.Zero);

    private static BriefItem Item(string title, string source, string summary, string theme = "Markets", string? detail = null) =>
        new(title, source, new Uri($"https://{source.ToLowerInvariant()}.example/{title.Length}"), summary, theme, [], End.AddHours(-3), false, detail);

    private static BriefContent Brief(params BriefItem[] items) => new(End.AddDays(-1), End, "The prose of the day.", items, false, false);

    [Fact]
    public void Headlines_are_titles_and_links_without_the_prose()
    {
        var brief = Brief(Item("ETH rallies", "Alpha", "Ether rose 5%."), Item("NFT slump", "Beta", "NFT sales fell."));

        var text = BriefReplyBuilder.ToReply(brief, BriefPresentation.Standard with { Length = BriefLength.Headlines }).ToString();

        Assert.DoesNotContain("The prose of the day.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ether rose 5%.", text, StringComparison.Ordinal);
        Assert.Contains("2 stories.", text, StringComparison.Ordinal);
        Assert.Contains("- ETH rallies (Alpha)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void In_depth_shows_each_storys_longer_extract_under_its_title()
    {
        var brief = Brief(Item("ETH rallies", "Alpha", "Ether rose 5%.", detail: "Ether rose 5%. Volumes doubled. Options skew turned positive."));

        var text = BriefReplyBuilder.ToReply(brief, BriefPresentation.Standard with { Length = BriefLength.InDepth }).ToString();

        Assert.Contains("The prose of the day.", text, StringComparison.Ordinal);
        Assert.Contains("- ETH rallies (Alpha)\n  Ether rose 5%. Volumes doubled. Options skew turned positive.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edition_whose_topics_removed_items_says_how_many()
    {
        Assert.True(TopicFilter.TryParse("-nft", out var topics, out _));
        var kept = Brief(Item("ETH rallies", "Alpha", "Ether rose 5%."));

        var text = BriefReplyBuilder.ToReply(kept, new BriefPresentation(BriefLength.Standard, false, 2, topics, null)).ToString();

        Assert.Contains("2 items filtered out by this chat's topics (-nft).", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_left_is_one_honest_line_naming_the_topics()
    {
        Assert.True(TopicFilter.TryParse("+eth +defi", out var topics, out _));

        var reply = BriefReplyBuilder.ToReply(Brief(), new BriefPresentation(BriefLength.Standard, false, 3, topics, null));

        var block = Assert.Single(reply.Blocks);
        Assert.StartsWith("Nothing on ETH or DeFi today", block.Text, StringComparison.Ordinal);
        Assert.Contains("3 items were filtered out", block.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_weekly_brief_joins_one_story_told_on_several_days_by_several_newsletters()
    {
        var monday = new BriefContent(End.AddDays(-7), End.AddDays(-6), "p", [
            Item("Ethereum Pectra upgrade date set for mainnet", "Alpha", "Ethereum developers set the Pectra upgrade date for mainnet activation."),
            Item("Bitcoin miners sell reserves", "Beta", "Bitcoin miners sold reserves as hashprice fell."),
        ], false, false);
        var thursday = new BriefContent(End.AddDays(-3), End.AddDays(-2), "p", [
            Item("Pectra upgrade date for Ethereum mainnet confirmed", "Gamma", "Developers confirmed the Pectra upgrade date for Ethereum mainnet activation."),
        ], false, false);

        var week = WeeklyBriefComposer.Combine([monday, thursday], monday.WindowStart, End, indexLine: null);

        Assert.Equal(2, week.Items.Count);
        var pectra = week.Items[0];
        Assert.Contains("Pectra", pectra.Title, StringComparison.Ordinal);
        Assert.Single(pectra.AlsoIn);
        Assert.StartsWith("This week: 2 stories from 3 newsletters.", week.Prose, StringComparison.Ordinal);
        Assert.Contains("Weekly brief, the week to 4 December 2026",
            BriefReplyBuilder.ToReply(week, BriefPresentation.Standard with { Weekly = true }).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_market_line_names_the_coins_the_items_mention_with_computed_changes_and_the_source()
    {
        var items = new[] { Item("ETH rallies", "Alpha", "Ether rose; bitcoin lagged."), Item("Ethereum fees", "Beta", "Fees fell.") };
        var coins = BriefMarketLine.MentionedCoins(items);
        Assert.Equal(["ethereum", "bitcoin"], coins.Select(c => c.Id));

        var day = new DateOnly(2026, 12, 3);
        var eth = DailySeries.FromDates(Enumerable.Range(0, 8).Select(i => KeyValuePair.Create(day.AddDays(-7 + i), 1000.0 + (i * 100))));
        var histories = new HistorySnapshot(
            [new CoinHistory("ethereum", eth, DailySeries.Empty)],
            new MarketDataSource(MarketDataOrigin.Sample, new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero)));

        var line = BriefMarketLine.Format(coins, histories, day.AddDays(5));

        // 1,700 today, 1,600 the day before (+6.25%), 1,000 a week before (+70%); bitcoin has no history here.
        Assert.Equal("Market on 2026-12-03: ETH $1,700 (24 h +6.3%, 7 d +70.0%). Data: bundled SAMPLE data dated 2026-12-03 00:00 UTC (illustrative values, not live prices).", line);
    }

    [Theory]
    [InlineData("es", "Mercado el 2026-12-03: ETH $1,700 (24 h +6.3%, 7 d +70.0%). Datos: datos de MUESTRA incluidos, con fecha 2026-12-03 00:00 UTC (valores ilustrativos, no precios reales).")]
    [InlineData("ru", "Рынок на 2026-12-03: ETH $1,700 (24 ч +6.3%, 7 дн. +70.0%). Данные: встроенный ОБРАЗЕЦ на 2026-12-03 00:00 UTC (условные значения, не текущие цены).")]
    public void The_market_line_is_worded_in_the_chats_language_with_the_same_figures(string language, string expected)
    {
        var day = new DateOnly(2026, 12, 3);
        var eth = DailySeries.FromDates(Enumerable.Range(0, 8).Select(i => KeyValuePair.Create(day.AddDays(-7 + i), 1000.0 + (i * 100))));
        var histories = new HistorySnapshot(
            [new CoinHistory("ethereum", eth, DailySeries.Empty)],
            new MarketDataSource(MarketDataOrigin.Sample, new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero)));

        var line = BriefMarketLine.Format(BriefMarketLine.MentionedCoins([Item("ETH rallies", "Alpha", "Ether rose.")]), histories, day, ReplyTexts.For(language));

        Assert.Equal(expected, line);
    }
}
