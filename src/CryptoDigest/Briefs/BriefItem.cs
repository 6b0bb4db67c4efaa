namespace CryptoDigest.Briefs;

/// <summary>
/// One story of an edition: its lead article, the newsletters that also covered it, and its theme;
/// Detail is the longer extract in-depth briefs show (absent from editions composed before it existed).
/// </summary>
public sealed record BriefItem(
    string Title,
    string Source,
    Uri? Url,
    string Summary,
    string Theme,
    IReadOnlyList<BriefMention> AlsoIn,
    DateTimeOffset PublishedAt,
    bool IsSample,
    string? Detail = null);
