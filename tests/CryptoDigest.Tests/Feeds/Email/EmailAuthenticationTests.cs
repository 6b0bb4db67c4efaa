using CryptoDigest.Feeds;
using CryptoDigest.Feeds.Email;

namespace CryptoDigest.Tests.Feeds.Email;

public class EmailAuthenticationTests
{
    private const string Trusted = "mx.google.com";

    private static readonly FeedSourceSettings Ledger = new() { Name = "The Ledger", EmailFrom = "ledger@substack.com", EmailListId = "ledger.substack.com" };

    private static readonly FeedSourceSettings Bankless = new() { Name = "Bankless", EmailFrom = "@bankless.com" };

    [Fact]
    public void A_header_is_read_as_rfc_8601_writes_it_with_comments_quotes_versions_and_spaces_around_the_equals_sign()
    {
        var header = AuthenticationResults.Parse(
            "mx.google.com 1; dkim = pass (2048-bit key; secure) header.d=\"substack.com\" header.s=s1;\r\n spf=pass (google.com: domain of x@substack.com designates 1.2.3.4 as permitted sender) smtp.mailfrom=x@substack.com;\r\n dmarc/1=pass (p=REJECT sp=REJECT dis=NONE) header.from=substack.com");

        Assert.Equal("mx.google.com", header.AuthservId);
        Assert.Equal(["dkim:pass", "spf:pass", "dmarc:pass"], header.Results.Select(r => $"{r.Method}:{r.Result}"));
        Assert.Equal("substack.com", header.Results[0].Property("header.d"));
        Assert.Equal("substack.com", header.Results[2].Property("header.from"));
    }

    [Theory]
    [InlineData("spf=pass (sender IP is 1.2.3.4) smtp.mailfrom=contoso.com; dkim=pass header.d=contoso.com;dmarc=pass action=none header.from=contoso.com", "")]
    [InlineData("mx.example.net; none", "mx.example.net")]
    [InlineData("\"mx.example.net\"; dkim=fail", "mx.example.net")]
    public void The_authserv_id_is_the_first_word_and_a_header_that_starts_with_a_result_has_none(string value, string authservId)
    {
        Assert.Equal(authservId, AuthenticationResults.Parse(value).AuthservId);
    }

    [Theory]
    [InlineData("mx.google.com; dmarc=pass header.from=substack.com", true, "dmarc=pass for substack.com")]
    [InlineData("mx.google.com; dkim=pass header.i=@substack.com; dmarc=fail header.from=substack.com", true, "dkim=pass for substack.com")]
    [InlineData("mx.google.com; dkim=pass header.d=mail.substack.com", true, "dkim=pass for mail.substack.com")]
    [InlineData("mx.google.com; dkim=pass header.d=evil.example; dmarc=fail header.from=substack.com", false, "dkim=pass for evil.example, dmarc=fail")]
    [InlineData("mx.google.com; dmarc=pass header.from=evil.example", false, "no aligned pass")]
    [InlineData("mx.google.com; spf=pass smtp.mailfrom=substack.com", false, "no DMARC or DKIM result")]
    [InlineData("mx.evil.example; dmarc=pass header.from=substack.com", false, "no Authentication-Results header from mx.google.com")]
    public void Dmarc_pass_or_an_aligned_dkim_pass_in_the_trusted_header_authenticates(string header, bool authenticated, string reason)
    {
        var verdict = EmailAuthentication.Check([header], ["The Ledger <ledger@substack.com>"], Ledger, Trusted);

        Assert.Equal(authenticated, verdict.IsAuthenticated);
        Assert.Contains(reason, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quoted_value_keeps_its_semicolons_equals_signs_and_escaped_quotes_inside_one_result()
    {
        var header = AuthenticationResults.Parse("mx.google.com; dkim=pass header.d=\"sub;stack=\\\"x\\\".com\" header.s=s1;dmarc = pass header.from=substack.com");

        Assert.Equal(["dkim:pass", "dmarc:pass"], header.Results.Select(r => $"{r.Method}:{r.Result}"));
        Assert.Equal("sub;stack=\"x\".com", header.Results[0].Property("header.d"));
        Assert.Equal("s1", header.Results[0].Property("header.s"));
    }

    [Fact]
    public void Only_the_top_most_header_with_the_trusted_authserv_id_counts_so_a_sender_cannot_add_a_passing_one_below_it()
    {
        string[] receivedAs =
        [
            "mx.other-hop.example; dmarc=pass header.from=substack.com",
            "mx.google.com; dkim=none; dmarc=fail (p=REJECT) header.from=substack.com",
            "mx.google.com; dkim=pass header.d=substack.com; dmarc=pass header.from=substack.com",
        ];

        var verdict = EmailAuthentication.Check(receivedAs, ["ledger@substack.com"], Ledger, Trusted);

        Assert.False(verdict.IsAuthenticated);
        Assert.Contains("dmarc=fail", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_id_alone_proves_nothing_the_authenticated_from_must_be_a_sender_the_source_claims()
    {
        // The forger's own domain passes DMARC, and the forged List-Id claims The Ledger.
        var verdict = EmailAuthentication.Check(["mx.google.com; dkim=pass header.d=forger.example; dmarc=pass header.from=forger.example"], ["news@forger.example"], Ledger, Trusted);

        Assert.False(verdict.IsAuthenticated);
        Assert.Contains("not one of the source's EmailFrom senders", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_domain_entry_claims_its_subdomains_and_a_signature_of_the_same_registrable_domain_is_aligned()
    {
        var verdict = EmailAuthentication.Check(["mx.google.com; dkim=pass header.d=bankless.com; dmarc=fail header.from=news.bankless.com"], ["Bankless <hello@news.bankless.com>"], Bankless, Trusted);

        Assert.True(verdict.IsAuthenticated);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Without_a_trusted_authserv_id_nothing_is_authenticated(string trusted)
    {
        var verdict = EmailAuthentication.Check(["mx.google.com; dmarc=pass header.from=substack.com"], ["ledger@substack.com"], Ledger, trusted);

        Assert.False(verdict.IsAuthenticated);
        Assert.Contains("Email:TrustedAuthservId is not set", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_from_addresses_are_never_authenticated()
    {
        var verdict = EmailAuthentication.Check(["mx.google.com; dmarc=pass header.from=substack.com"], ["ledger@substack.com, other@substack.com"], Ledger, Trusted);

        Assert.False(verdict.IsAuthenticated);
    }

    [Theory]
    [InlineData("ledger.substack.com", "substack.com", true)]
    [InlineData("news.bankless.com", "bankless.com", true)]
    [InlineData("bankless.com", "bankless.com.evil.example", false)]
    [InlineData("www.bbc.co.uk", "news.bbc.co.uk", true)]
    [InlineData("a.ghost.io", "b.ghost.io", false)]
    public void Alignment_is_the_same_registrable_domain(string host, string other, bool aligned)
    {
        Assert.Equal(aligned, EmailAuthentication.AreAligned(host, other));
    }
}
