using CryptoDigest.Security.LinkCheck;

namespace CryptoDigest.Tests.Security.LinkCheck;

public class LinkCheckRepliesTests
{
    [Fact]
    public void Distrusted_addresses_are_written_unclickable_and_official_ones_stay()
    {
        var verdict = LinkCheckFixture.Checker.Check("binance-support.com");
        var block = LinkCheckReplies.Block(verdict, LinkCheckFixture.Checker.OfficialDomains);

        Assert.Contains("binance-support[.]com", block.Heading, StringComparison.Ordinal);
        Assert.DoesNotContain("binance-support.com", block.Text, StringComparison.Ordinal);
        Assert.Contains("The real site is binance.com", block.Text, StringComparison.Ordinal);
        Assert.StartsWith("Verdict: suspicious", block.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_reply_repeats_the_hard_rule()
    {
        var reply = LinkCheckReplies.Reply([LinkCheckFixture.Checker.Check("example.org")], LinkCheckFixture.Checker.OfficialDomains);

        Assert.Contains("never ask for seed phrases, private keys or wallet connections", reply.ToString(), StringComparison.Ordinal);
    }
}
