using System.Net;
using CryptoDigest.Security.LinkCheck;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Tests.Security.LinkCheck;

public class LinkCheckerTests
{
    [Fact]
    public void A_Cyrillic_letter_is_named_and_the_real_domain_given()
    {
        var verdict = LinkCheckFixture.Checker.Check("https://bin\u0430nce.com/login");

        Assert.Equal("suspicious", verdict.Verdict);
        Assert.Equal("binance.com", verdict.LookalikeOf);
        Assert.Contains(verdict.EnglishReasons, r => r.Contains("the '\u0430' in 'bin\u0430nce' is Cyrillic", StringComparison.Ordinal)
            && r.Contains("CYRILLIC SMALL LETTER A", StringComparison.Ordinal)
            && r.Contains("this is not binance.com", StringComparison.Ordinal));
    }

    [Fact]
    public void Punycode_is_explained_in_the_letters_people_see()
    {
        var verdict = LinkCheckFixture.Checker.Check("xn--metmask-4fg.io");

        Assert.Equal("metamask.io", verdict.LookalikeOf);
        Assert.Contains(verdict.EnglishReasons, r => r.Contains("met\u0430mask", StringComparison.Ordinal));
    }

    [Fact]
    public void A_brand_before_a_foreign_domain_names_who_really_owns_the_site()
    {
        var verdict = LinkCheckFixture.Checker.Check("https://binance.com.secure-login.xyz/");

        Assert.Equal("binance.com", verdict.LookalikeOf);
        Assert.Contains(verdict.EnglishReasons, r => r.Contains("secure-login.xyz", StringComparison.Ordinal) && r.Contains("starts like binance.com", StringComparison.Ordinal));
    }

    [Fact]
    public void A_brand_with_a_lure_word_is_explained()
    {
        var verdict = LinkCheckFixture.Checker.Check("ledger-live-update.com");

        Assert.Equal("ledger.com", verdict.LookalikeOf);
        Assert.Contains(verdict.EnglishReasons, r => r.Contains("'ledger'", StringComparison.Ordinal) && r.Contains("lure word", StringComparison.Ordinal));
    }

    [Fact]
    public void A_misspelling_says_how_far_it_is_from_the_brand()
    {
        var verdict = LinkCheckFixture.Checker.Check("coinbsae.com");

        Assert.Equal("coinbase.com", verdict.LookalikeOf);
        Assert.Contains(verdict.EnglishReasons, r => r.Contains("one letter away from 'coinbase'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("bybt.com")]
    [InlineData("okz.com")]
    [InlineData("aavs.com")]
    public void Short_names_are_never_matched_by_misspelling(string input)
    {
        Assert.Equal("safe-looking", LinkCheckFixture.Checker.Check(input).Verdict);
    }

    [Fact]
    public void The_userinfo_trick_is_explained()
    {
        var verdict = LinkCheckFixture.Checker.Check("https://www.binance.com@login.example.test/");

        Assert.Equal("suspicious", verdict.Verdict);
        Assert.Contains(verdict.EnglishReasons, r => r.Contains("only a user name", StringComparison.Ordinal) && r.Contains("login.example.test", StringComparison.Ordinal));
    }

    [Fact]
    public void A_disguised_IP_address_is_shown_in_its_usual_form()
    {
        var verdict = LinkCheckFixture.Checker.Check("http://3279880203/claim");

        Assert.Equal("suspicious", verdict.Verdict);
        Assert.Contains(verdict.EnglishReasons, r => r.Contains("195.127.0.11", StringComparison.Ordinal));
    }

    [Fact]
    public void Safe_looking_never_claims_the_site_is_safe()
    {
        foreach (var input in new[] { "binance.com", "example.org", "support.metamask.io" })
        {
            var verdict = LinkCheckFixture.Checker.Check(input);
            Assert.Equal("safe-looking", verdict.Verdict);
            Assert.Contains("not a promise", verdict.EnglishReasons[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Official_domains_with_invisible_characters_are_still_suspicious()
    {
        var verdict = LinkCheckFixture.Checker.Check("https://bin\u200Bance.com/");

        Assert.Equal("suspicious", verdict.Verdict);
        Assert.Contains(verdict.EnglishReasons, r => r.Contains("invisible", StringComparison.Ordinal));
    }

    [Fact]
    public void A_configured_brand_is_protected_by_its_domains_names()
    {
        var settings = new LinkCheckOptions { UseDefaultProtectedBrands = false, ProtectedBrands = [new ProtectedBrandSettings { Name = "Example Vault", Domains = ["examplevault.test"] }] };
        var checker = new LinkChecker(LinkCheckServiceCollectionExtensions.Brands(settings), LinkCheckFixture.Suffixes, LinkCheckFixture.Skeletons, () => PhishingLists.Empty, []);

        Assert.Equal("safe-looking", checker.Check("app.examplevault.test").Verdict);
        Assert.Equal("examplevault.test", checker.Check("examplevault-support.xyz").LookalikeOf);
        Assert.Equal("safe-looking", checker.Check("binance-support.com").Verdict);
    }

    [Fact]
    public void The_checker_makes_no_network_call()
    {
        var handler = new FailingHandler();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => handler));
        services.AddLinkCheck();
        using var provider = services.BuildServiceProvider();
        var checker = provider.GetRequiredService<LinkChecker>();

        var verdicts = LinkCheckTable.Lookalikes.Concat(LinkCheckTable.Benign).Select(checker.Check).ToList();

        Assert.Equal(LinkCheckTable.Lookalikes.Length + LinkCheckTable.Benign.Length, verdicts.Count);
        Assert.Equal(0, handler.Requests);
    }

    private sealed class FailingHandler : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            throw new HttpRequestException($"The link check must not fetch anything, but asked for {request.RequestUri}", null, HttpStatusCode.Forbidden);
        }
    }
}
