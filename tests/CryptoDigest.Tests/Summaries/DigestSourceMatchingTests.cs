using CryptoDigest.Summaries;

namespace CryptoDigest.Tests.Summaries;

/// <summary>/digest takes a newsletter the way members write it: any listed name, its short form, any case, any prefix.</summary>
public class DigestSourceMatchingTests
{
    // The shipped source names, as /sources lists them.
    private static readonly string[] Listed =
    [
        "Bankless", "The Defiant", "Messari (Unqualified Opinions)", "Delphi Digital", "Glassnode (The Week On-Chain)",
        "Coin Metrics (State of the Network)", "Kaiko Research", "CoinShares (Digital Asset Fund Flows)", "Milk Road", "Lyn Alden",
    ];

    [Theory]
    [InlineData("bankless", "Bankless")]
    [InlineData("BANKLESS", "Bankless")]
    [InlineData("  Bank  ", "Bankless")]
    [InlineData("the defiant", "The Defiant")]
    [InlineData("defiant", "The Defiant")]
    [InlineData("messari", "Messari (Unqualified Opinions)")]
    [InlineData("Messari (Unqualified Opinions)", "Messari (Unqualified Opinions)")]
    [InlineData("unqualified opinions", "Messari (Unqualified Opinions)")]
    [InlineData("glassnode", "Glassnode (The Week On-Chain)")]
    [InlineData("the week on-chain", "Glassnode (The Week On-Chain)")]
    [InlineData("coin metrics", "Coin Metrics (State of the Network)")]
    [InlineData("coin m", "Coin Metrics (State of the Network)")]
    [InlineData("coinshares", "CoinShares (Digital Asset Fund Flows)")]
    [InlineData("kaiko", "Kaiko Research")]
    [InlineData("milk", "Milk Road")]
    [InlineData("lyn", "Lyn Alden")]
    [InlineData("delphi digital", "Delphi Digital")]
    public void Any_listed_name_short_name_or_prefix_finds_its_source(string query, string expected)
    {
        Assert.Equal(expected, DigestReader.MatchSource(query, Listed));
    }

    [Theory]
    [InlineData("bitcoin")]
    [InlineData("")]
    [InlineData("   ")]
    public void A_name_nothing_lists_finds_no_source(string query)
    {
        Assert.Null(DigestReader.MatchSource(query, Listed));
    }

    [Fact]
    public async Task Digest_of_a_listed_source_without_issues_says_no_issues_yet()
    {
        // Delphi Digital is configured (no public feed) and has never had an article.
        var reply = await TestServices.AskAsync("/digest delphi");

        var text = string.Join("\n", reply.Blocks.Select(b => b.Text));
        Assert.Contains("No issues yet from Delphi Digital:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("don't follow", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_of_an_unlisted_source_says_it_is_not_followed()
    {
        var reply = await TestServices.AskAsync("/digest frobnitz weekly");

        Assert.Contains("don't follow a newsletter called", string.Join("\n", reply.Blocks.Select(b => b.Text)), StringComparison.Ordinal);
    }
}
