using CryptoDigest.Security.LinkCheck;

namespace CryptoDigest.Tests.Security.LinkCheck;

public class PhishingListsTests
{
    private const string Classic = """
        {"version": 2, "tolerance": 1,
         "fuzzylist": ["examplewallet.test"],
         "whitelist": ["good.example.org", "examplewallet.test"],
         "blacklist": ["evil.example.org", "example.org", "drainer.test", "binance.com", "phantom.app"]}
        """;

    private const string Newer = """
        [{"name": "one", "tolerance": 2, "allowlist": ["fine.test"], "blocklist": ["fine.test", "bad-one.test"], "fuzzylist": []},
         {"name": "two", "allowlist": [], "blocklist": ["bad-two.test"], "fuzzylist": ["longbrandname.test"]}]
        """;

    private static readonly PhishingLists Lists = PhishingLists.Parse([("classic.json", Classic), ("newer.json", Newer)]);

    [Theory]
    [InlineData("evil.example.org", ListVerdict.Blocked)]
    [InlineData("sub.drainer.test", ListVerdict.Blocked)]
    [InlineData("bad-one.test", ListVerdict.Blocked)]
    [InlineData("bad-two.test", ListVerdict.Blocked)]
    [InlineData("good.example.org", ListVerdict.Allowed)]
    [InlineData("www.good.example.org", ListVerdict.Allowed)]
    [InlineData("fine.test", ListVerdict.Allowed)]
    [InlineData("examplewallet.test", ListVerdict.Allowed)]
    [InlineData("examp1ewallet.xyz", ListVerdict.FuzzyMatch)]
    [InlineData("www.examplewalet.com", ListVerdict.FuzzyMatch)]
    [InlineData("exampl3walet.com", ListVerdict.NotListed)]
    [InlineData("longbrandnam.io", ListVerdict.FuzzyMatch)]
    [InlineData("unrelated.test", ListVerdict.NotListed)]
    public void The_allowlist_beats_the_blocklist_which_beats_fuzzy_matches(string host, ListVerdict expected)
    {
        Assert.Equal(expected, Lists.Check(host).Verdict);
    }

    [Fact]
    public void A_blocked_host_is_known_bad_with_the_list_named()
    {
        var verdict = LinkCheckFixture.Create(Lists).Check("https://login.drainer.test/claim");

        Assert.Equal("known-bad", verdict.Verdict);
        Assert.Contains(verdict.EnglishReasons, r => r.Contains("classic.json", StringComparison.Ordinal) && r.Contains("drainer.test", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("binance.com")]
    [InlineData("https://www.binance.com/en")]
    [InlineData("phantom.app")]
    [InlineData("good.example.org")]
    public void Protected_and_allowed_domains_beat_a_list_that_blocks_them_by_mistake(string input)
    {
        var verdict = LinkCheckFixture.Create(Lists).Check(input);

        Assert.Equal("safe-looking", verdict.Verdict);
    }

    [Fact]
    public void The_operators_allowlist_beats_the_lists_too()
    {
        var verdict = LinkCheckFixture.Create(Lists, "example.org").Check("evil.example.org");

        Assert.Equal("safe-looking", verdict.Verdict);
        Assert.Contains("allowlist", verdict.EnglishReasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_fuzzy_match_is_suspicious_not_known_bad()
    {
        var verdict = LinkCheckFixture.Create(Lists).Check("examp1ewallet.xyz");

        Assert.Equal("suspicious", verdict.Verdict);
        Assert.Contains(verdict.EnglishReasons, r => r.Contains("examplewallet.test", StringComparison.Ordinal));
    }

    [Fact]
    public void A_list_that_is_not_JSON_is_refused_with_its_name()
    {
        var error = Assert.Throws<FormatException>(() => PhishingLists.Parse([("broken.json", "{not json")]));

        Assert.Contains("broken.json", error.Message, StringComparison.Ordinal);
    }
}
