using System.ComponentModel.DataAnnotations;

namespace CryptoDigest.Indices;

/// <summary>Market data settings (section "Market"): the CoinGecko API, and which coins no index holds.</summary>
public sealed class MarketOptions : IValidatableObject
{
    public const string SectionName = "Market";

    /// <summary>CoinGecko's API base; empty means the bundled sample only.</summary>
    public string ApiBaseUrl { get; set; } = "";

    /// <summary>A CoinGecko demo or pro key, sent in the header that matches the base; never logged.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Coin ids kept out of every index ("prefix-*" matches a prefix); empty means the default list.</summary>
    public List<string> ExcludedIds { get; set; } = [];

    public bool IsLive => !string.IsNullOrWhiteSpace(ApiBaseUrl);

    public ExclusionList Exclusions => ExcludedIds.Count == 0 ? ExclusionList.Default : new ExclusionList(ExcludedIds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsLive && (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"Market:ApiBaseUrl '{ApiBaseUrl}' must be an absolute http or https URL, or empty for the bundled sample.", [nameof(ApiBaseUrl)]);
        }
    }
}
