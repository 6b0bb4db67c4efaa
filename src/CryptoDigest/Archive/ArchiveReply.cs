using System.Globalization;
using CryptoDigest.Replies;

namespace CryptoDigest.Archive;

/// <summary>
/// A search of the archive as a reply: one block per issue (newsletter, issue date, title; the matching sentence
/// quoted; the link as its citation). Plain text only: each platform escapes it in its own markup.
/// </summary>
public static class ArchiveReply
{
    /// <summary>The reply in <paramref name="texts"/>' language (English when not given); issue dates formatted by code, the same in every language.</summary>
    public static ChatReply For(ArchiveResult result, ReplyTexts? texts = null)
    {
        texts ??= ReplyTexts.English;
        var query = result.Query;
        if (result.UnknownSource)
        {
            var known = result.Sources.Count == 0 ? texts["Search.ArchiveEmpty"] : texts.Format("Search.ArchiveHolds", string.Join(", ", result.Sources));
            return ChatReply.Text(texts.Format("Search.UnknownSource", query.Source, known));
        }

        var window = query.Source is null ? texts.Format("Search.Window", query.Days) : texts.Format("Search.WindowOf", query.Days, query.Source);
        if (result.Hits.Count == 0)
        {
            return ChatReply.Text(texts.Format("Search.NothingFound", query.Words, window));
        }

        var blocks = new List<ReplyBlock> { new(null, texts.Format("Search.Heading", query.Words, window)) };
        blocks.AddRange(result.Hits.Select(h => Block(h, texts)));
        return new ChatReply(blocks);
    }

    /// <summary>"Glassnode · 3 Dec 2026 · Title (sample issue)".</summary>
    public static string Heading(ArchiveHit hit, ReplyTexts? texts = null) =>
        $"{hit.Source} · {IssueDate(hit.PublishedAt)} · {hit.Title}" + (hit.IsSample ? " " + (texts ?? ReplyTexts.English)["Archive.SampleIssue"] : string.Empty);

    public static string IssueDate(DateTimeOffset publishedAt) => publishedAt.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static ReplyBlock Block(ArchiveHit hit, ReplyTexts texts) =>
        new(Heading(hit, texts), $"“{hit.Sentence}”", [new Citation($"{hit.Source}, {IssueDate(hit.PublishedAt)}", hit.Url)]);
}
