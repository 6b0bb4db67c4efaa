using CryptoDigest.Security.LinkCheck;

namespace CryptoDigest.Tests.Security.LinkCheck;

public class LinkCanonicalizerTests
{
    [Theory]
    [InlineData("http://3279880203/", "195.127.0.11")]
    [InlineData("http://0xC37F000B/", "195.127.0.11")]
    [InlineData("http://0303.0177.0.013/", "195.127.0.11")]
    [InlineData("http://0xC3.0x7F.0x00.0x0B/", "195.127.0.11")]
    [InlineData("http://195.127.11/", "195.127.0.11")]
    [InlineData("http://195.8323083/", "195.127.0.11")]
    [InlineData("http://[::ffff:195.127.0.11]/", "195.127.0.11")]
    [InlineData("http://[::ffff:c37f:000b]:8443/", "195.127.0.11")]
    [InlineData("http://195.127.0.11/", "195.127.0.11")]
    public void Every_IPv4_notation_becomes_one_dotted_address(string input, string expected)
    {
        var link = Assert.IsType<CanonicalLink>(LinkCanonicalizer.Canonicalize(input).Link);

        Assert.True(link.IsIpAddress);
        Assert.Equal(expected, link.Host);
    }

    [Theory]
    [InlineData("HTTPS://WWW.Example.COM/Path", "www.example.com")]
    [InlineData("example.com.", "example.com")]
    [InlineData("..example..com..", "example.com")]
    [InlineData("https://example.com:8443/x", "example.com")]
    [InlineData("https://exa\tmp\nle.com/", "example.com")]
    [InlineData("https://%65xample.com/", "example.com")]
    [InlineData("https://%2565xample.com/", "example.com")]
    [InlineData("example\u3002com", "example.com")]
    [InlineData("example\uFF0Ecom", "example.com")]
    [InlineData("https:\\\\example.com\\login", "example.com")]
    [InlineData("example[.]com", "example.com")]
    [InlineData("https://user:pass@example.com/", "example.com")]
    [InlineData("https://binance.com@example.com/", "example.com")]
    [InlineData("https://example.com/#@binance.com", "example.com")]
    [InlineData("https://m\u00fcnchen.de/", "xn--mnchen-3ya.de")]
    [InlineData("xn--mnchen-3ya.de", "xn--mnchen-3ya.de")]
    [InlineData("//example.com/path", "example.com")]
    public void Hosts_are_brought_to_one_form(string input, string expected)
    {
        var link = Assert.IsType<CanonicalLink>(LinkCanonicalizer.Canonicalize(input).Link);

        Assert.Equal(expected, link.Host);
    }

    [Fact]
    public void The_userinfo_is_kept_apart_and_the_fragment_dropped()
    {
        var link = Assert.IsType<CanonicalLink>(LinkCanonicalizer.Canonicalize("https://binance.com@example.com/a%2Fb?q=1#frag").Link);

        Assert.Equal("binance.com", link.UserInfo);
        Assert.Equal("/a/b?q=1", link.Path);
    }

    [Fact]
    public void International_names_keep_their_Unicode_form_for_explanations()
    {
        var link = Assert.IsType<CanonicalLink>(LinkCanonicalizer.Canonicalize("xn--binnce-5nf.com").Link);

        Assert.Equal("bin\u0430nce.com", link.UnicodeHost);
    }

    [Fact]
    public void Invisible_characters_are_removed_and_noted()
    {
        var link = Assert.IsType<CanonicalLink>(LinkCanonicalizer.Canonicalize("https://exa\u200Bmple.com/").Link);

        Assert.Equal("example.com", link.Host);
        Assert.True(link.HadInvisibleCharacters);
        Assert.Contains(link.Notes, n => n.English.Contains("invisible", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:void(0)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD4=")]
    [InlineData(" vbscript:msgbox")]
    public void Script_and_data_links_are_refused_outright(string input)
    {
        var result = LinkCanonicalizer.Canonicalize(input);

        Assert.Null(result.Link);
        Assert.Contains("never open it", result.Refusal?.English, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("localhost")]
    [InlineData("mailto:someone@example.com")]
    [InlineData("https://exa mple.com/")]
    [InlineData("https:///")]
    [InlineData("http://999.1.1.1/")]
    [InlineData("http://1.2.3.4.5/")]
    public void What_is_not_a_web_address_gets_a_plain_error(string input)
    {
        var result = LinkCanonicalizer.Canonicalize(input);

        Assert.Null(result.Link);
        Assert.False(string.IsNullOrWhiteSpace(result.Error?.English));
    }
}
