using System.ComponentModel.DataAnnotations;

namespace CryptoDigest.Indices;

/// <summary>Market data settings (section "Market"): the CoinGecko API, its pace and cache, and which coins no index holds.</summary>
public sealed class MarketOptions : IValidatableObject
{
    public const string SectionName = "Market";

    /// <summary>CoinGecko's API base (public/demo or pro); empty means the bundled sample only.</summary>
    public string ApiBaseUrl { get; set; } = "";

    /// <summary>A CoinGecko demo or pro key, sent in the header that matches the base; never logged.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Coin ids kept out of every index ("prefix-*" matches a prefix); empty means the default list.</summary>
    public List<string> ExcludedIds { get; set; } = [];

    /// <summary>Requests to the API in any 60 seconds, shared by every caller in the process.</summary>
    [Range(1, 1000, ErrorMessage = "Market:RequestsPerMinute must be between 1 and 1000.")]
    public int RequestsPerMinute { get; set; } = 25;

    /// <summary>One request's deadline, headers and body together.</summary>
    [Range(1, 120, ErrorMessage = "Market:TimeoutSeconds must be between 1 and 120.")]
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>How long a markets page is reused before it is fetched again.</summary>
    [Range(1, 1440, ErrorMessage = "Market:MarketsTtlMinutes must be between 1 and 1440.")]
    public int MarketsTtlMinutes { get; set; } = 10;

    /// <summary>How long a coin's daily history is reused before it is fetched again.</summary>
    [Range(1, 168, ErrorMessage = "Market:HistoryTtlHours must be between 1 and 168.")]
    public int HistoryTtlHours { get; set; } = 6;

    /// <summary>The longest Retry-After honoured after a 429; a longer one gives up (cache or sample used).</summary>
    [Range(0, 600, ErrorMessage = "Market:MaxRetryAfterSeconds must be between 0 and 600.")]
    public int MaxRetryAfterSeconds { get; set; } = 60;

    /// <summary>How many coins the refresh job keeps fresh (the markets pages it fetches); 0 turns the job off.</summary>
    [Range(0, 1000, ErrorMessage = "Market:RefreshTop must be between 0 and 1000.")]
    public int RefreshTop { get; set; } = 100;

    /// <summary>Computed index answers (weights, backtests, drawdowns) one member may get per hour, per platform; 0 means no limit.</summary>
    [Range(0, 10_000, ErrorMessage = "Market:AnswersPerMemberPerHour must be between 0 (no limit) and 10000.")]
    public int AnswersPerMemberPerHour { get; set; } = 20;

    /// <summary>Computed index answers one chat may get per hour; 0 means no limit.</summary>
    [Range(0, 100_000, ErrorMessage = "Market:AnswersPerChatPerHour must be between 0 (no limit) and 100000.")]
    public int AnswersPerChatPerHour { get; set; } = 100;

    /// <summary>Market requests one answer may have in flight at once (the pacer still bounds them all per minute).</summary>
    [Range(1, 32, ErrorMessage = "Market:MaxConcurrentFetches must be between 1 and 32.")]
    public int MaxConcurrentFetches { get; set; } = 4;

    /// <summary>Cached responses older than this are deleted by the refresh job (a stale copy is only a fallback).</summary>
    [Range(1, 365, ErrorMessage = "Market:CacheRetentionDays must be between 1 and 365.")]
    public int CacheRetentionDays { get; set; } = 7;

    public bool IsLive => !string.IsNullOrWhiteSpace(ApiBaseUrl);

    /// <summary>CoinGecko's pro base (pro-api.coingecko.com) takes x-cg-pro-api-key; every other base the demo header.</summary>
    public bool IsProBase => Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var uri) && uri.Host.StartsWith("pro-api.", StringComparison.OrdinalIgnoreCase);

    public string KeyHeader => IsProBase ? "x-cg-pro-api-key" : "x-cg-demo-api-key";

    public ExclusionList Exclusions => ExcludedIds.Count == 0 ? ExclusionList.Default : new ExclusionList(ExcludedIds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsLive && (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"Market:ApiBaseUrl '{ApiBaseUrl}' must be an absolute http or https URL, or empty for the bundled sample.", [nameof(ApiBaseUrl)]);
        }

        if (!IsLive && !string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return new ValidationResult("Market:ApiKey is set but Market:ApiBaseUrl is empty: set the base the key belongs to (the public/demo or the pro API).", [nameof(ApiKey)]);
        }

        if (IsProBase && string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return new ValidationResult("Market:ApiKey is required with CoinGecko's pro API base (a demo key goes with the public base).", [nameof(ApiKey)]);
        }
    }
}
