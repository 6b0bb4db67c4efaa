using System.Globalization;
using CryptoDigest.Replies;

namespace CryptoDigest.Briefs;

/// <summary>Turns an edition into a reply: a heading, the prose, then one block per theme listing its items with links.</summary>
public static class BriefReplyBuilder
{
    public static ChatReply ToReply(BriefContent brief) => ToReply(brief, BriefPresentation.Standard);

    /// <summary>The reply as one chat's settings present it (<see cref="ChatBriefReplies"/> kept its items).</summary>
    public static ChatReply ToReply(BriefContent brief, BriefPresentation presentation)
    {
        var texts = presentation.Texts;
        var date = brief.WindowEnd.UtcDateTime.ToString(texts["Brief.DateFormat"], texts.Culture);
        var heading = texts.Format(presentation.Weekly ? "Brief.WeeklyHeading" : "Brief.DailyHeading", date);
        var blocks = new List<ReplyBlock>();
        if (brief.IncludesSamples)
        {
            blocks.Add(new ReplyBlock(null, texts["Brief.SampleLabel"]));
        }

        if (brief.Items.Count == 0 && presentation.FilteredOut > 0)
        {
            // One honest line rather than an empty message.
            blocks.Add(new ReplyBlock(heading, NothingLeft(presentation, texts)));
        }
        else
        {
            // Headlines are titles and links only: the prose is left out.
            blocks.Add(new ReplyBlock(heading, presentation.Length == BriefLength.Headlines ? ItemCount(brief.Items.Count, texts) : brief.Prose));
        }

        if (presentation.FilteredOut > 0 && brief.Items.Count > 0)
        {
            blocks.Add(new ReplyBlock(null, texts.Count("Brief.FilteredOut", presentation.FilteredOut, presentation.Topics)));
        }

        if (presentation.SummariesInOriginalLanguage && brief.Items.Count > 0 && presentation.Length != BriefLength.Headlines)
        {
            blocks.Add(new ReplyBlock(null, texts["Brief.OriginalLanguage"]));
        }

        if ((brief.IndexFigures?.Describe(texts) ?? brief.IndexLine) is { } indexLine)
        {
            // Computed by Indices when the edition was composed (Briefs:IndexLine), never by a model; an older edition has only the English line.
            blocks.Add(new ReplyBlock(null, indexLine));
        }

        blocks.AddRange(ItemBlocks(brief.Items, presentation.Length, texts));
        if (presentation.MarketLine is { } marketLine)
        {
            // Computed by code from CoinGecko's history (or the labelled sample), never by a model.
            blocks.Add(new ReplyBlock(null, marketLine));
        }

        if (brief.Items.Count > 0 || brief.IndexLine is not null || presentation.MarketLine is not null)
        {
            blocks.Add(new ReplyBlock(null, texts["Brief.NotFinancialAdvice"]));
        }

        return new ChatReply(blocks);
    }

    /// <summary>"; also in A, B" after an item's source, in a language (empty when no other newsletter had the story).</summary>
    public static string AlsoIn(BriefItem item, ReplyTexts texts) =>
        item.AlsoIn.Count == 0 ? string.Empty : texts.Format("Brief.AlsoIn", string.Join(", ", item.AlsoIn.Select(a => a.Source)));

    /// <summary>A theme's heading in a language (the themes are ThemeClassifier's English names).</summary>
    public static string ThemeHeading(string theme, ReplyTexts texts) =>
        texts.Find("Theme." + theme) ?? theme;

    private static IEnumerable<ReplyBlock> ItemBlocks(IReadOnlyList<BriefItem> items, BriefLength length, ReplyTexts texts)
    {
        foreach (var section in items.GroupBy(i => i.Theme))
        {
            var lines = section.Select(i =>
            {
                var also = AlsoIn(i, texts);
                var sample = i.IsSample ? " " + texts["Brief.SampleTag"] : string.Empty;
                var line = $"- {i.Title} ({i.Source}{also}){sample}";
                // In-depth: the longer extract under each title (the summary for editions composed before extracts were kept).
                return length == BriefLength.InDepth ? $"{line}\n  {i.Detail ?? i.Summary}" : line;
            });
            var citations = section.SelectMany(i => new[] { new Citation($"{i.Source}: {i.Title}", i.Url) }
                .Concat(i.AlsoIn.Select(a => new Citation($"{a.Source}: {a.Title}", a.Url)))).ToList();
            yield return new ReplyBlock(ThemeHeading(section.Key, texts), string.Join(length == BriefLength.InDepth ? "\n\n" : "\n", lines), citations);
        }
    }

    private static string ItemCount(int count, ReplyTexts texts) => texts.Format("Brief.Sentence", texts.Count("Brief.Stories", count));

    private static string NothingLeft(BriefPresentation presentation, ReplyTexts texts)
    {
        var when = presentation.Weekly ? "ThisWeek" : "Today";
        var includes = presentation.Topics.DescribeIncludes(texts["Brief.Or"]);
        return includes.Length > 0
            ? texts.Format($"Brief.NothingOn{when}.{(presentation.FilteredOut == 1 ? "One" : "Many")}", includes, presentation.FilteredOut, presentation.Topics)
            : texts.Count($"Brief.NothingLeft{when}", presentation.FilteredOut, presentation.Topics);
    }
}
