using CryptoDigest.Briefs;

namespace CryptoDigest.Tests.Briefs;

public class TopicFilterTests
{
    private static BriefItem Item(string title, string summary = "A plain summary of the week's flows.", string theme = "Markets") =>
        new(title, "Letter", new Uri("https://example.com/a"), summary, theme, [], DateTimeOffset.UnixEpoch, false);

    private static TopicFilter Parse(string text)
    {
        Assert.True(TopicFilter.TryParse(text, out var filter, out var error), error);
        return filter;
    }

    [Theory]
    [InlineData("Ethereum upgrade ships on mainnet")]
    [InlineData("ETH funding rates turn negative")]
    [InlineData("Traders pile into ether options")]
    [InlineData("Why $eth lagged this week")]
    [InlineData("The ethereum-based rollups grow")]
    public void Plus_eth_keeps_items_naming_ethereum_by_symbol_name_or_nickname(string title)
    {
        Assert.True(Parse("+eth").Keeps(Item(title)));
    }

    [Theory]
    [InlineData("Bitcoin ETF inflows hit a record")]
    [InlineData("Methane and the miners")]
    [InlineData("Ethos of the cypherpunks")]
    [InlineData("Whether eth ical investing matters")]
    public void Plus_eth_drops_items_about_other_things(string title)
    {
        Assert.False(Parse("+eth").Keeps(Item(title, "Nothing about that coin here.")));
    }

    [Fact]
    public void Coins_match_by_coingecko_id_and_name_whatever_the_member_typed()
    {
        Assert.True(Parse("+ethereum").Keeps(Item("ETH staking yields fall")));
        Assert.True(Parse("+ether").Keeps(Item("Ethereum gas fees at a low")));
        Assert.True(Parse("+avalanche-2").Keeps(Item("AVAX subnets see more use")));
        Assert.True(Parse("+btc").Keeps(Item("Bitcoin hashrate climbs")));
    }

    [Fact]
    public void Lower_case_tickers_that_are_words_do_not_name_coins()
    {
        // "link" and "ton" are words; LINK and TON are Chainlink and Toncoin.
        Assert.False(Parse("+chainlink").Keeps(Item("A link to the report", "Read the full link below.")));
        Assert.True(Parse("+chainlink").Keeps(Item("LINK oracles secure more value")));
        Assert.False(Parse("+toncoin").Keeps(Item("A ton of new users", "A ton more.")));
    }

    [Fact]
    public void Minus_nft_drops_items_mentioning_nfts_and_keeps_the_rest()
    {
        var filter = Parse("-nft");

        Assert.False(filter.Keeps(Item("NFT volumes collapse")));
        Assert.False(filter.Keeps(Item("Marketplaces", "Trading of NFTs fell by half.")));
        Assert.True(filter.Keeps(Item("Bitcoin ETF inflows hit a record")));
    }

    [Fact]
    public void Includes_are_any_of_and_excludes_win()
    {
        var filter = Parse("+eth +defi -nft");

        Assert.True(filter.Keeps(Item("Aave lending rates", theme: "DeFi")));
        Assert.True(filter.Keeps(Item("Ethereum blobs fill up")));
        Assert.False(filter.Keeps(Item("Ethereum NFT mints jump")));
        Assert.False(filter.Keeps(Item("Bitcoin miners sell", "Miners sold coins.")));
    }

    [Fact]
    public void Themes_and_the_other_newsletters_titles_are_matched_too()
    {
        var item = Item("Lending markets", theme: "DeFi") with { AlsoIn = [new BriefMention("Other", "Solana validators vote", null)] };

        Assert.True(Parse("+defi").Keeps(item));
        Assert.True(Parse("+sol").Keeps(item));
    }

    [Fact]
    public void The_stored_form_reads_back_the_same_and_describes_its_includes()
    {
        var filter = Parse("+ETH  +defi -nft +eth");

        Assert.Equal("+eth +defi -nft", filter.ToString());
        Assert.Equal("ETH or DeFi", filter.DescribeIncludes());
        Assert.Equal(filter.ToString(), Parse(filter.ToString()).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("none")]
    [InlineData("OFF")]
    public void None_clears_the_filter(string text)
    {
        Assert.True(Parse(text).IsEmpty);
    }

    [Theory]
    [InlineData("eth")]
    [InlineData("+")]
    [InlineData("+<b>")]
    [InlineData("+eth -")]
    [InlineData("+eth,defi")]
    [InlineData("+-eth")]
    public void Bad_syntax_is_refused_with_the_usage(string text)
    {
        Assert.False(TopicFilter.TryParse(text, out _, out var error));
        Assert.Contains("+eth +defi -nft", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_terms_are_refused()
    {
        var text = string.Join(' ', Enumerable.Range(0, TopicFilter.MaxTerms + 1).Select(i => $"+t{i}"));

        Assert.False(TopicFilter.TryParse(text, out _, out var error));
        Assert.Contains("At most", error, StringComparison.Ordinal);
    }
}
