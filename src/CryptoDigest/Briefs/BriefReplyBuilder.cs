using System.Globalization;
using CryptoDigest.Replies;

namespace CryptoDigest.Briefs;

/// <summary>Turns an edition into a reply: a heading, the prose, then one block per theme listing its items with links.</summary>
public static class BriefReplyBuilder
{
    public const string SampleLabel = "Sample content: these items are bundled examples, not live newsletter issues.";

    public static ChatReply ToReply(BriefContent brief)
    {
        var heading = "Daily brief, " + brief.WindowEnd.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        var blocks = new List<ReplyBlock>();
        if (brief.IncludesSamples)
        {
            blocks.Add(new ReplyBlock(null, SampleLabel));
        }

        blocks.Add(new ReplyBlock(heading, brief.Prose));
        if (brief.IndexLine is { } indexLine)
        {
            // Computed by Indices when the edition was composed (Briefs:IndexLine), never by a model.
            blocks.Add(new ReplyBlock(null, indexLine));
        }

        foreach (var section in brief.Items.GroupBy(i => i.Theme))
        {
            var lines = section.Select(i =>
            {
                var also = i.AlsoIn.Count == 0 ? string.Empty : $"; also in {string.Join(", ", i.AlsoIn.Select(a => a.Source))}";
                var sample = i.IsSample ? " [sample]" : string.Empty;
                return $"- {i.Title} ({i.Source}{also}){sample}";
            });
            var citations = section.SelectMany(i => new[] { new Citation($"{i.Source}: {i.Title}", i.Url) }
                .Concat(i.AlsoIn.Select(a => new Citation($"{a.Source}: {a.Title}", a.Url)))).ToList();
            blocks.Add(new ReplyBlock(section.Key, string.Join('\n', lines), citations));
        }

        if (brief.Items.Count > 0 || brief.IndexLine is not null)
        {
            blocks.Add(new ReplyBlock(null, KnowledgeReplyFormatter.NotFinancialAdvice));
        }

        return new ChatReply(blocks);
    }
}
