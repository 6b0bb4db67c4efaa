using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CryptoDigest.Briefs;
using CryptoDigest.Replies;
using CryptoDigest.Security.LinkCheck;

namespace CryptoDigest.Tests.Security.LinkCheck;

/// <summary>
/// The link check's reasons are keys worded in every shipped language: every key the checker, the canonicalizer
/// and the replies name (and every script name) has a text in each language's own resources, every verdict of the
/// table words completely in each language, and the JSON output stays English.
/// </summary>
public partial class LinkReasonTextsTests
{
    private static readonly ResourceManager Resources = new("CryptoDigest.Replies.ReplyTexts", typeof(ReplyTexts).Assembly);

    private static readonly string[] Sources =
    [
        "src/CryptoDigest/Security/LinkCheck/LinkChecker.cs",
        "src/CryptoDigest/Security/LinkCheck/LinkCanonicalizer.cs",
        "src/CryptoDigest/Security/LinkCheck/LinkCheckReplies.cs",
    ];

    // Inputs that reach the reasons the table's addresses do not: script links, unreadable input, IP tricks, shorteners.
    private static readonly string[] Unusual =
    [
        "javascript:alert(1)", "", "mailto:someone@example.com", "http://999.1.1.1/", "http://exa mple/", "localhost",
        "http://0x7f.0.0.1/", "http://[::ffff:195.127.0.11]/", "http://195.127.0.11/wallet", "https://bit.ly/3abc",
        "https://exa\u200Bmple.com/", "https://www.binance.com@login.example.test/", "https://example.test/binance.com/login",
        "https://%62inance-login.example.net/", "https://a.b.c.d.e.f.g.h.i.j.example.com/", "https://claim-airdrop-wallet.example/",
        "https://secure-walletconnect-sync.xyz/", "https://binance.com.secure-login.xyz/", "https://b\u2605nance.com/",
        "https://\uFF42\uFF49\uFF4E\uFF41\uFF4E\uFF43\uFF45.com/", "https://\u0432\u0430\u0441.com/", "https://www.binance.com/en",
        "https://docs.uniswap.org/",
    ];

    public static TheoryData<string> Languages => [.. BriefLanguages.Shipped];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_reason_key_the_link_check_names_has_a_text_in_every_language(string language)
    {
        var texts = OwnEntries(language);
        var named = Sources.SelectMany(s => KeyLiteral().Matches(File.ReadAllText(RepositoryFiles.Find(s))).Select(m => m.Groups["key"].Value));
        var scripts = Enumerable.Range(0x80, 0x1FFFF - 0x80)
            .Where(Rune.IsValid)
            .Select(v => UnicodeScripts.Of(new Rune(v)))
            .Where(s => s is not (UnicodeScripts.Common or "Other"))
            .Distinct()
            .Select(s => "LinkCheck.Script." + s.Replace(" ", string.Empty, StringComparison.Ordinal));
        var keys = named.Concat(scripts).Distinct().ToList();

        var missing = keys.Where(k => !texts.TryGetValue(k, out var text) || string.IsNullOrWhiteSpace(text)).ToList();

        Assert.True(keys.Count > 60, $"Only {keys.Count} keys were found in the link check's sources");
        Assert.True(missing is [], $"No {language} text for: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_verdict_of_the_table_is_worded_completely_in_every_language(string language)
    {
        var texts = ReplyTexts.For(language);
        var verdicts = LinkCheckTable.Lookalikes.Concat(LinkCheckTable.Benign).Concat(Unusual).Select(LinkCheckFixture.Checker.Check).ToList();

        var unfilled = verdicts.SelectMany(v => v.Reasons.Select(r => r.In(texts))).Where(r => Placeholder().IsMatch(r) || string.IsNullOrWhiteSpace(r)).ToList();
        var keys = verdicts.SelectMany(v => v.Reasons).SelectMany(KeysOf).Distinct().ToList();
        var missing = keys.Where(k => !OwnEntries(language).ContainsKey(k)).ToList();

        Assert.True(unfilled is [], string.Join('\n', unfilled));
        Assert.True(missing is [], $"No {language} text for: {string.Join(", ", missing)}");
        Assert.True(keys.Count > 30, $"The table reached only {keys.Count} keys");
    }

    [Fact]
    public void A_spanish_reason_is_worded_in_spanish_with_the_label_and_domains_as_data()
    {
        var verdict = LinkCheckFixture.Checker.Check("bin\u0430nce.com");

        var spanish = LinkCheckReplies.Block(verdict, LinkCheckFixture.Checker.OfficialDomains, ReplyTexts.For("es")).Text;

        Assert.Contains("- 'bin\u0430nce' está hecho para parecerse a 'binance' (la '\u0430' de 'bin\u0430nce' es cirílica (CYRILLIC SMALL LETTER A), no la 'a' latina, así que se lee como 'binance'); esto no es binance.com.", spanish, StringComparison.Ordinal);
        Assert.DoesNotContain("made to look like", spanish, StringComparison.Ordinal);
    }

    [Fact]
    public void The_english_wording_is_the_sentence_the_checker_wrote_before()
    {
        var verdict = LinkCheckFixture.Checker.Check("https://coinbaes.com/login");

        Assert.Equal("'coinbaes' is one letter away from 'coinbase', a typical misspelling trap. This is not coinbase.com.", verdict.EnglishReasons[0]);
    }

    [Fact]
    public void The_json_output_carries_the_english_reasons()
    {
        var verdict = LinkCheckFixture.Checker.Check("bin\u0430nce.com");

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(verdict));

        var reasons = json.RootElement.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Equal(verdict.Reasons.Select(r => r.In(ReplyTexts.English)), reasons);
        Assert.Contains(reasons, r => r!.Contains("is made to look like 'binance'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_scan_warning_is_worded_in_the_language_it_is_asked_for()
    {
        var flagged = new[] { LinkCheckFixture.Checker.Check("https://binance-support.example.com/airdrop") };

        var spanish = LinkCheckReplies.Warning(flagged, LinkCheckFixture.Checker.OfficialDomains, ReplyTexts.For("es"));
        var english = LinkCheckReplies.Warning(flagged, LinkCheckFixture.Checker.OfficialDomains);

        var block = Assert.Single(spanish.Blocks);
        Assert.Equal("Cuidado con este enlace", block.Heading);
        Assert.StartsWith("binance-support[.]example[.]com parece sospechoso: Mete el nombre 'binance'", block.Text, StringComparison.Ordinal);
        Assert.Contains("El sitio real es binance.com.", block.Text, StringComparison.Ordinal);
        Assert.EndsWith("/security check <link> lo explica con más detalle.", block.Text, StringComparison.Ordinal);
        Assert.Equal("es", spanish.Language);
        Assert.Equal("Careful with this link", english.Blocks[0].Heading);
        Assert.StartsWith("binance-support[.]example[.]com looks suspicious: It puts the name 'binance'", english.Blocks[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Reasons_found_twice_are_one_reason()
    {
        var one = new LinkReason("LinkCheck.Reason.BareIp", "195.127.0.11");
        var again = new LinkReason("LinkCheck.Reason.BareIp", "195.127.0.11");

        Assert.Single(new[] { one, again }.Distinct());
        Assert.NotEqual(one, new LinkReason("LinkCheck.Reason.BareIp", "195.127.0.12"));
    }

    private static IEnumerable<string> KeysOf(LinkReason reason) =>
        reason.Args.OfType<LinkReason>().SelectMany(KeysOf).Prepend(reason.Key);

    private static Dictionary<string, string> OwnEntries(string language)
    {
        var culture = language == BriefLanguages.Default ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language);
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No resources for {language}.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    [GeneratedRegex("\"(?<key>LinkCheck\\.(?:Reason|Part|Error|Script|Warning)\\.[A-Za-z.]*[A-Za-z])\"", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex KeyLiteral();

    [GeneratedRegex(@"\{\d+\}", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Placeholder();
}
