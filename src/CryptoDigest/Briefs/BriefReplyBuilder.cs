using System.Globalization;
using CryptoDigest.Replies;

namespace CryptoDigest.Briefs;

/// <summary>Turns an edition into a reply: a heading, the prose, then one block per theme listing its items with links.</summary>
public static class BriefReplyBuilder
{
    public const string SampleLabel = "Sample content: these items are bundled examples, not live newsletter issues.";

    public static ChatReply ToReply(BriefContent brief) => ToReply(brief, BriefPresentation.Standard);

    /// <summary>The reply as one chat's settings present it (<see cref="ChatBriefReplies"/> kept its items).</summary>
    public static ChatReply ToReply(BriefContent brief, BriefPresentation presentation)
    {
        var date = brief.WindowEnd.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        var heading = presentation.Weekly ? "Weekly brief, the week to " + date : "Daily brief, " + date;
        var blocks = new List<ReplyBlock>();
        if (brief.IncludesSamples)
        {
            blocks.Add(new ReplyBlock(null, SampleLabel));
        }

        if (brief.Items.Count == 0 && presentation.FilteredOut > 0)
        {
            // One honest line rather than an empty message.
            blocks.Add(new ReplyBlock(heading, NothingLeft(presentation)));
        }
        else
        {
            // Headlines are titles and links only: the prose is left out.
            blocks.Add(new ReplyBlock(heading, presentation.Length == BriefLength.Headlines ? ItemCount(brief.Items.Count) : brief.Prose));
        }

        if (presentation.FilteredOut > 0 && brief.Items.Count > 0)
        {
            blocks.Add(new ReplyBlock(null, FilteredOutLine(presentation)));
        }

        if (brief.IndexLine is { } indexLine)
        {
            // Computed by Indices when the edition was composed (Briefs:IndexLine), never by a model.
            blocks.Add(new ReplyBlock(null, indexLine));
        }

        blocks.AddRange(ItemBlocks(brief.Items, presentation.Length));
        if (presentation.MarketLine is { } marketLine)
        {
            // Computed by code from CoinGecko's history (or the labelled sample), never by a model.
            blocks.Add(new ReplyBlock(null, marketLine));
        }

        if (brief.Items.Count > 0 || brief.IndexLine is not null || presentation.MarketLine is not null)
        {
            blocks.Add(new ReplyBlock(null, KnowledgeReplyFormatter.NotFinancialAdvice));
        }

        return new ChatReply(blocks);
    }

    private static IEnumerable<ReplyBlock> ItemBlocks(IReadOnlyList<BriefItem> items, BriefLength length)
    {
        foreach (var section in items.GroupBy(i => i.Theme))
        {
            var lines = section.Select(i =>
            {
                var also = i.AlsoIn.Count == 0 ? string.Empty : $"; also in {string.Join(", ", i.AlsoIn.Select(a => a.Source))}";
                var sample = i.IsSample ? " [sample]" : string.Empty;
                var line = $"- {i.Title} ({i.Source}{also}){sample}";
                // In-depth: the longer extract under each title (the summary for editions composed before extracts were kept).
                return length == BriefLength.InDepth ? $"{line}\n  {i.Detail ?? i.Summary}" : line;
            });
            var citations = section.SelectMany(i => new[] { new Citation($"{i.Source}: {i.Title}", i.Url) }
                .Concat(i.AlsoIn.Select(a => new Citation($"{a.Source}: {a.Title}", a.Url)))).ToList();
            yield return new ReplyBlock(section.Key, string.Join(length == BriefLength.InDepth ? "\n\n" : "\n", lines), citations);
        }
    }

    private static string ItemCount(int count) => count == 1 ? "1 story." : $"{count} stories.";

    private static string FilteredOutLine(BriefPresentation presentation) =>
        $"{presentation.FilteredOut} {(presentation.FilteredOut == 1 ? "item" : "items")} filtered out by this chat's topics ({presentation.Topics}).";

    private static string NothingLeft(BriefPresentation presentation)
    {
        var when = presentation.Weekly ? "this week" : "today";
        var includes = presentation.Topics.DescribeIncludes();
        return includes.Length > 0
            ? $"Nothing on {includes} {when}: {presentation.FilteredOut} {(presentation.FilteredOut == 1 ? "item was" : "items were")} filtered out by this chat's topics ({presentation.Topics})."
            : $"Nothing left {when} after this chat's topics ({presentation.Topics}): {presentation.FilteredOut} {(presentation.FilteredOut == 1 ? "item was" : "items were")} filtered out.";
    }
}
