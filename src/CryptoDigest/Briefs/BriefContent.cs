namespace CryptoDigest.Briefs;

/// <summary>
/// A composed edition as stored (serialized to JSON in BriefEdition.Content) and served to every
/// chat: the prose, then every item of the window with its newsletter and link.
/// </summary>
public sealed record BriefContent(
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    string Prose,
    IReadOnlyList<BriefItem> Items,
    bool ComposedByModel,
    bool IncludesSamples,
    string? IndexLine = null);

/// <summary>One story of an edition: its lead article, the newsletters that also covered it, and its theme.</summary>
public sealed record BriefItem(
    string Title,
    string Source,
    Uri? Url,
    string Summary,
    string Theme,
    IReadOnlyList<BriefMention> AlsoIn,
    DateTimeOffset PublishedAt,
    bool IsSample);

/// <summary>Another newsletter's article on the same story.</summary>
public sealed record BriefMention(string Source, string Title, Uri? Url);
