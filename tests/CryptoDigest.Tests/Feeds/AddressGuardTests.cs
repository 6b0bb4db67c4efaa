using System.Net;
using CryptoDigest.Feeds;

namespace CryptoDigest.Tests.Feeds;

public class AddressGuardTests
{
    [Theory]
    [InlineData("127.0.0.1", "a loopback address")]
    [InlineData("127.255.0.9", "a loopback address")]
    [InlineData("::1", "a loopback address")]
    [InlineData("::ffff:127.0.0.1", "a loopback address")]
    [InlineData("169.254.169.254", "a link-local address (cloud metadata lives there)")]
    [InlineData("::ffff:169.254.169.254", "a link-local address (cloud metadata lives there)")]
    [InlineData("10.1.2.3", "a private address")]
    [InlineData("172.16.0.1", "a private address")]
    [InlineData("172.31.255.255", "a private address")]
    [InlineData("192.168.1.1", "a private address")]
    [InlineData("100.64.0.1", "a shared (carrier-grade NAT) address")]
    [InlineData("0.0.0.0", "an unspecified address")]
    [InlineData("::", "an unspecified address")]
    [InlineData("224.0.0.1", "a multicast address")]
    [InlineData("ff02::1", "a multicast address")]
    [InlineData("fe80::1", "a link-local address")]
    [InlineData("fd00::1", "a private (unique local) address")]
    [InlineData("64:ff9b::a9fe:a9fe", "a link-local address (cloud metadata lives there)")]
    [InlineData("255.255.255.255", "a reserved address")]
    [InlineData("2002:7f00:1::", "a loopback address")]
    [InlineData("2002:a9fe:a9fe::1", "a link-local address (cloud metadata lives there)")]
    [InlineData("2002:c0a8:101::", "a private address")]
    [InlineData("64:ff9b:1::a9fe:a9fe", "a link-local address (cloud metadata lives there)")]
    [InlineData("64:ff9b:1::7f00:1", "a loopback address")]
    [InlineData("64:ff9b:1:a00:1:200::", "a private address")]
    [InlineData("64:ff9b:1:808:8:800:7f00:1", "a loopback address")]
    [InlineData("::a9fe:a9fe", "a link-local address (cloud metadata lives there)")]
    [InlineData("fec0::1", "a link-local address")]
    [InlineData("2001:db8::1", "a reserved (documentation) address")]
    [InlineData("192.0.2.1", "a reserved address")]
    [InlineData("198.18.0.1", "a reserved address")]
    [InlineData("203.0.113.5", "a reserved address")]
    [InlineData("240.0.0.1", "a reserved address")]
    public void Non_public_addresses_are_classified_whatever_their_form(string address, string expected)
    {
        Assert.Equal(expected, AddressGuard.Classify(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700::6810:84e5")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2002:808:808::1")]
    [InlineData("64:ff9b:1::808:808")]
    public void Public_addresses_pass(string address)
    {
        Assert.Null(new AddressGuard(allowLoopback: false).Check(IPAddress.Parse(address)));
    }

    // Hosts, not URLs: the guard judges the host, and these are refused before any lookup or connection.
    [Theory]
    [InlineData("2130706433")]
    [InlineData("0x7f.1")]
    [InlineData("0177.0.0.1")]
    [InlineData("127.1")]
    [InlineData("::ffff:7f00:1")]
    [InlineData("localhost")]
    [InlineData("api.localhost")]
    public void Disguised_loopback_urls_are_refused_before_any_lookup(string host)
    {
        Assert.Contains("loopback", new AddressGuard(allowLoopback: false).CheckUrl(Http(host)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http", "169.254.169.254.", "link-local")]
    [InlineData("http", "::ffff:a9fe:a9fe", "link-local")]
    [InlineData("http", "metadata.google.internal", "cloud metadata service")]
    [InlineData("ftp", "example.com", "only http and https")]
    [InlineData("file", "", "only http and https")]
    public void Metadata_and_non_http_urls_are_refused_even_when_loopback_is_allowed(string scheme, string host, string expected)
    {
        Assert.Contains(expected, new AddressGuard(allowLoopback: true).CheckUrl(new UriBuilder(scheme, host) { Path = "/latest/meta-data/" }.Uri), StringComparison.Ordinal);
    }

    private static Uri Http(string host) => new UriBuilder(Uri.UriSchemeHttp, host).Uri;

    [Fact]
    public void The_operator_setting_allows_loopback_and_nothing_else()
    {
        var guard = new AddressGuard(allowLoopback: true);

        Assert.Null(guard.CheckUrl(new Uri("http://127.0.0.1:8080/feed")));
        Assert.Null(guard.Check(IPAddress.IPv6Loopback));
        Assert.NotNull(guard.Check(IPAddress.Parse("192.168.0.10")));
    }
}
