using System.ComponentModel.DataAnnotations;

namespace CryptoDigest.Security.LinkCheck;

/// <summary>
/// Link check settings (section "LinkCheck"): which brands are protected, which known-bad lists are
/// read (eth-phishing-detect's format) and refreshed, and what group scanning may do.
/// </summary>
public sealed class LinkCheckOptions : IValidatableObject
{
    public const string SectionName = "LinkCheck";

    /// <summary>Protect the built-in brands (exchanges, wallets, explorers, DeFi, the newsletters).</summary>
    public bool UseDefaultProtectedBrands { get; set; } = true;

    /// <summary>More brands to protect, each with its official domains.</summary>
    public List<ProtectedBrandSettings> ProtectedBrands { get; set; } = [];

    /// <summary>Domains the operator vouches for: never flagged, whatever a list or heuristic says.</summary>
    public List<string> AllowedDomains { get; set; } = [];

    /// <summary>Known-bad list files in eth-phishing-detect's JSON format, relative to the working directory.</summary>
    public List<string> ListFiles { get; set; } = [];

    /// <summary>A list in the same format fetched daily into <see cref="ListCachePath"/>; empty means no refresh job.</summary>
    public string ListUrl { get; set; } = string.Empty;

    /// <summary>Where the daily download is kept (and read from at start).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "LinkCheck:ListCachePath must not be empty.")]
    public string ListCachePath { get; set; } = "data/phishing-list.json";

    /// <summary>The refresh job's schedule (cron, UTC).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "LinkCheck:RefreshCron must not be empty.")]
    public string RefreshCron { get; set; } = "23 3 * * *";

    /// <summary>A newer Public Suffix List file to use instead of the bundled one; empty uses the bundled copy.</summary>
    public string PublicSuffixListPath { get; set; } = string.Empty;

    /// <summary>Lets group scanning delete a flagged message when the bot has that right; off means it only replies.</summary>
    public bool DeleteFlaggedMessages { get; set; }

    /// <summary>Links checked per scanned message (the rest are ignored).</summary>
    [Range(1, 50, ErrorMessage = "LinkCheck:MaxLinksPerMessage must be between 1 and 50.")]
    public int MaxLinksPerMessage { get; set; } = 5;

    /// <summary>/security check commands one member may run per hour, per platform; 0 means no limit.</summary>
    [Range(0, 10_000, ErrorMessage = "LinkCheck:ChecksPerMemberPerHour must be between 0 (no limit) and 10000.")]
    public int ChecksPerMemberPerHour { get; set; } = 60;

    /// <summary>/security check commands one chat may run per hour; 0 means no limit.</summary>
    [Range(0, 100_000, ErrorMessage = "LinkCheck:ChecksPerChatPerHour must be between 0 (no limit) and 100000.")]
    public int ChecksPerChatPerHour { get; set; } = 300;

    /// <summary>How long an instance trusts that a chat has scanning off; "on" is read again for every message it would scan.</summary>
    [Range(0, 3600, ErrorMessage = "LinkCheck:ScanSettingCacheSeconds must be between 0 and 3600.")]
    public int ScanSettingCacheSeconds { get; set; } = 60;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ListUrl.Length > 0 && (!Uri.TryCreate(ListUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult("LinkCheck:ListUrl must be an absolute http or https URL (or empty for no refresh).");
        }

        if (PublicSuffixListPath.Length > 0 && !File.Exists(PublicSuffixListPath))
        {
            yield return new ValidationResult($"LinkCheck:PublicSuffixListPath names a file that does not exist: {PublicSuffixListPath}");
        }

        for (var i = 0; i < ProtectedBrands.Count; i++)
        {
            var brand = ProtectedBrands[i];
            if (string.IsNullOrWhiteSpace(brand.Name) || brand.Domains.Count == 0 || brand.Domains.Any(d => string.IsNullOrWhiteSpace(d) || d.Contains('/', StringComparison.Ordinal)))
            {
                yield return new ValidationResult($"LinkCheck:ProtectedBrands:{i} needs a Name and at least one domain in Domains (bare names such as example.com).");
            }
        }
    }
}
