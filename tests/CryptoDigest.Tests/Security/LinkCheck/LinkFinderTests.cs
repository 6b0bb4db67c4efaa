using CryptoDigest.Security.LinkCheck;

namespace CryptoDigest.Tests.Security.LinkCheck;

public class LinkFinderTests
{
    private static readonly LinkFinder Finder = new(LinkCheckFixture.Suffixes);

    [Fact]
    public void Links_and_bare_domains_are_found_without_trailing_punctuation()
    {
        var links = Finder.Find("gm! claim at https://binance-support.example.com/airdrop, or visit metamask.io. (also docs.uniswap.org)", 5);

        Assert.Equal(["https://binance-support.example.com/airdrop", "metamask.io", "docs.uniswap.org"], links);
    }

    [Theory]
    [InlineData("see e.g. the docs")]
    [InlineData("open file.txt and report.docx")]
    [InlineData("version 1.5.2 is out")]
    [InlineData("mail me at someone@example.com")]
    [InlineData("no links here at all")]
    public void Words_with_dots_that_are_not_addresses_are_not_links(string text)
    {
        Assert.Empty(Finder.Find(text, 5));
    }

    [Fact]
    public void At_most_the_asked_number_of_links_is_returned()
    {
        Assert.Equal(2, Finder.Find("a.com b.com c.com d.com", 2).Count);
    }
}
