using CryptoDigest.Replies;

namespace CryptoDigest.Briefs;

/// <summary>How one chat's brief is shown, beyond the items it keeps: its length, what its topics removed, its market line.</summary>
/// <param name="Length">Headlines, standard or in-depth.</param>
/// <param name="Weekly">A digest of the week rather than the day.</param>
/// <param name="FilteredOut">How many items the chat's topics removed.</param>
/// <param name="Topics">The chat's topic filter (empty when none).</param>
/// <param name="MarketLine">The computed market line, when the chat turned it on and the items mention coins.</param>
public sealed record BriefPresentation(BriefLength Length, bool Weekly, int FilteredOut, TopicFilter Topics, string? MarketLine)
{
    public static BriefPresentation Standard { get; } = new(BriefLength.Standard, false, 0, TopicFilter.None, null);

    /// <summary>The fixed texts (headings, labels) in the chat's language; English by default.</summary>
    public ReplyTexts Texts { get; init; } = ReplyTexts.English;

    /// <summary>The summaries stayed in the newsletters' language (no model, or its translation failed): one line says so.</summary>
    public bool SummariesInOriginalLanguage { get; init; }
}
