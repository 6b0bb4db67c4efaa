using System.Globalization;
using CryptoDigest.Replies;

namespace CryptoDigest.Archive;

/// <summary>
/// A search of the archive as a reply: one block per issue (newsletter, issue date, title; the matching sentence
/// quoted; the link as its citation). Plain text only: each platform escapes it in its own markup.
/// </summary>
public static class ArchiveReply
{
    public static ChatReply For(ArchiveResult result)
    {
        var query = result.Query;
        if (result.UnknownSource)
        {
            var known = result.Sources.Count == 0 ? "The archive holds no issues yet." : "The archive holds issues of " + string.Join(", ", result.Sources) + ".";
            return ChatReply.Text($"No newsletter in the archive is called \"{query.Source}\". {known} /sources lists the newsletters I read.");
        }

        var window = $"the last {query.Days} days" + (query.Source is null ? string.Empty : $" of {query.Source}");
        if (result.Hits.Count == 0)
        {
            return ChatReply.Text($"Nothing found for \"{query.Words}\" in {window}.");
        }

        var blocks = new List<ReplyBlock> { new(null, $"Newsletter issues about \"{query.Words}\" in {window}, best first:") };
        blocks.AddRange(result.Hits.Select(Block));
        return new ChatReply(blocks);
    }

    /// <summary>"Glassnode · 3 Dec 2026 · Title (sample issue)".</summary>
    public static string Heading(ArchiveHit hit) =>
        $"{hit.Source} · {IssueDate(hit.PublishedAt)} · {hit.Title}" + (hit.IsSample ? " (sample issue, not a real one)" : string.Empty);

    public static string IssueDate(DateTimeOffset publishedAt) => publishedAt.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static ReplyBlock Block(ArchiveHit hit) =>
        new(Heading(hit), $"“{hit.Sentence}”", [new Citation($"{hit.Source}, {IssueDate(hit.PublishedAt)}", hit.Url)]);
}
