using CryptoDigest.Indices;

namespace CryptoDigest.Tests.Indices;

public class MarketOptionsTests
{
    [Theory]
    [InlineData("https://api.coingecko.example.com/api/v3/", "x-cg-demo-api-key")]
    [InlineData("https://pro-api.coingecko.example.com/api/v3/", "x-cg-pro-api-key")]
    [InlineData("http://127.0.0.1:8080/api/v3", "x-cg-demo-api-key")]
    public void The_key_goes_in_the_header_that_matches_the_base(string baseUrl, string header)
    {
        var options = new MarketOptions { ApiBaseUrl = baseUrl, ApiKey = "k" };

        Assert.Equal(header, options.KeyHeader);
    }

    [Theory]
    [InlineData("tether", true)]
    [InlineData("binance-peg-dogecoin", true)]
    [InlineData("bridged-usdc-polygon-pos-bridge", true)]
    [InlineData("wrapped-steth", true)]
    [InlineData("staked-ether", true)]
    [InlineData("bitcoin", false)]
    [InlineData("ethereum", false)]
    [InlineData("binancecoin", false)]
    public void The_default_exclusions_cover_pegged_wrapped_bridged_and_staked_tokens_only(string id, bool excluded)
    {
        Assert.Equal(excluded, ExclusionList.Default.Excludes(id));
    }

    [Fact]
    public void A_configured_list_replaces_the_default()
    {
        var options = new MarketOptions { ExcludedIds = ["dogecoin", "meme-*"] };

        Assert.True(options.Exclusions.Excludes("dogecoin"));
        Assert.True(options.Exclusions.Excludes("meme-coin"));
        Assert.False(options.Exclusions.Excludes("tether"));
    }
}
