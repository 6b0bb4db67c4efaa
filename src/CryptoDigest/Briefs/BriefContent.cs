using CryptoDigest.Indices;

namespace CryptoDigest.Briefs;

/// <summary>
/// A composed edition as stored (serialized to JSON in BriefEdition.Content) and served to every
/// chat: the prose, then every item of the window with its newsletter and link. The index line is kept
/// both in English (<paramref name="IndexLine"/>, as older editions hold it) and as its figures, worded per chat.
/// </summary>
public sealed record BriefContent(
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    string Prose,
    IReadOnlyList<BriefItem> Items,
    bool ComposedByModel,
    bool IncludesSamples,
    string? IndexLine = null,
    BriefIndexFigures? IndexFigures = null);
