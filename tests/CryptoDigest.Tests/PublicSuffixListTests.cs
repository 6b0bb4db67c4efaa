using CryptoDigest.Tests.Security.LinkCheck;

namespace CryptoDigest.Tests;

public class PublicSuffixListTests
{
    [Theory]
    [InlineData("example.com", "com", "example.com")]
    [InlineData("a.b.example.com", "com", "example.com")]
    [InlineData("www.bbc.co.uk", "co.uk", "bbc.co.uk")]
    [InlineData("co.uk", "co.uk", null)]
    [InlineData("foo.github.io", "github.io", "foo.github.io")]
    [InlineData("www.city.kawasaki.jp", "kawasaki.jp", "city.kawasaki.jp")]
    [InlineData("city.kawasaki.jp", "kawasaki.jp", "city.kawasaki.jp")]
    [InlineData("shop.other.kawasaki.jp", "other.kawasaki.jp", "shop.other.kawasaki.jp")]
    [InlineData("www.ck", "ck", "www.ck")]
    [InlineData("shop.example.ck", "example.ck", "shop.example.ck")]
    [InlineData("example.ck", "example.ck", null)]
    [InlineData("host.unknowntld", "unknowntld", "host.unknowntld")]
    [InlineData("metamask.app.link", "link", "app.link")]
    [InlineData("xn--e1afmkfd.xn--p1ai", "xn--p1ai", "xn--e1afmkfd.xn--p1ai")]
    public void The_registrable_domain_honours_wildcards_and_exceptions(string host, string suffix, string? registrable)
    {
        var (actualSuffix, actualRegistrable) = LinkCheckFixture.Suffixes.Split(host);

        Assert.Equal(suffix, actualSuffix);
        Assert.Equal(registrable, actualRegistrable);
    }

    [Fact]
    public void A_list_file_can_replace_the_bundled_one()
    {
        using var reader = new StringReader("// comment\ncom\n*.example\n!keep.example\n\u0440\u0444\n");
        var list = PublicSuffixList.Parse(reader);

        Assert.Equal(4, list.RuleCount);
        Assert.Equal(("a.example", (string?)"b.a.example"), list.Split("b.a.example"));
        Assert.Equal(("example", (string?)"keep.example"), list.Split("www.keep.example"));
        Assert.Equal(("xn--p1ai", (string?)"site.xn--p1ai"), list.Split("site.xn--p1ai"));
    }
}
