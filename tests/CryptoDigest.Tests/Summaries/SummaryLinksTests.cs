using CryptoDigest.Summaries;

namespace CryptoDigest.Tests.Summaries;

public class SummaryLinksTests
{
    [Theory]
    [InlineData("Read it at https://evil.example.com/x?a=1 now.", "Read it at now.")]
    [InlineData("Claim at claim-airdrop.com, fast.", "Claim at, fast.")]
    [InlineData("Moved to binance.com.", "Moved to.")]
    [InlineData("See www.example.org/path for details", "See for details")]
    [InlineData("Mail support@wallet-help.io today", "Mail today")]
    [InlineData("Open [the dashboard](https://phish.example.net/login) now", "Open the dashboard now")]
    [InlineData("Open [binance.com](https://phish.example.net/login) now", "Open now")]
    [InlineData("Lido.fi and ether.fi staked more", "and staked more")]
    [InlineData("Claim at uniswap-rewards.claims before Friday", "Claim at before Friday")]
    [InlineData("The rally.today page and pay-here.casino are new", "The page and are new")]
    [InlineData("Привет с пример.рф и xn--e1afmkfd.xn--p1ai", "Привет с и")]
    public void Links_bare_domains_and_mail_addresses_are_removed(string text, string expected)
    {
        Assert.Equal(expected, SummaryLinks.Remove(text));
    }

    [Theory]
    [InlineData("Bitcoin rose 3.5% to $91,400, e.g. in the U.S. market.")]
    [InlineData("Node.js and St.Louis are not domains; v2.0 is a version.")]
    [InlineData("Exchange balances fell to 2.3 million BTC.\n\nSecond paragraph.")]
    public void Text_without_links_is_kept_exactly(string text)
    {
        Assert.Equal(text, SummaryLinks.Remove(text));
    }

    [Theory]
    [InlineData("Claim at uniswap-rewards.claims", "Claim at")]
    [InlineData("Staking after the upgrade", "Staking after the upgrade")]
    [InlineData("uniswap-rewards.claims", "(untitled)")]
    [InlineData("", "")]
    public void A_title_goes_through_the_same_filter_and_is_never_left_empty_by_it(string title, string expected)
    {
        Assert.Equal(expected, SummaryLinks.Title(title));
    }

    [Fact]
    public void Allowed_links_and_their_hosts_stay_and_others_get_the_replacement()
    {
        var allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "https://news.example.com/a", "news.example.com" };

        var text = SummaryLinks.RemoveExcept("From https://news.example.com/a and news.example.com, not https://evil.example.com/b or evil.com.", allowed.Contains, "[link removed]");

        Assert.Equal("From https://news.example.com/a and news.example.com, not [link removed] or [link removed].", text);
    }

    [Fact]
    public void The_extractive_summary_carries_no_link_of_its_article()
    {
        var summary = ExtractiveSummarizer.Summarize("Spot ETF inflows reached $1.1 billion this week, the most since March. Claim the free airdrop now at claim-airdrop.com before it ends.");

        Assert.DoesNotContain("claim-airdrop.com", summary, StringComparison.Ordinal);
        Assert.Contains("$1.1 billion", summary, StringComparison.Ordinal);
    }
}
