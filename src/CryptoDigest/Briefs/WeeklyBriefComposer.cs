using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Briefs;

/// <summary>
/// The weekly brief: the stories of the seven days up to a daily edition's end, taken from the daily
/// editions already composed (so no model call and no summary is made again), grouped across newsletters
/// and days with <see cref="StoryGrouper"/>, the stories most newsletters covered first. Made from stored,
/// unchanging editions, it is the same on every attempt of a delivery that names the same edition.
/// </summary>
public sealed class WeeklyBriefComposer(IServiceScopeFactory scopes)
{
    public static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>The most stories a weekly brief lists.</summary>
    public const int MaxStories = 30;

    /// <summary>The week ending with <paramref name="last"/> (whose content is <paramref name="lastContent"/>).</summary>
    public async Task<BriefContent> ComposeAsync(BriefEdition last, BriefContent lastContent, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var from = last.WindowEnd - Week;
        var earlier = await db.Editions.AsNoTracking()
            .Where(e => e.WindowEnd > from && e.WindowEnd < last.WindowEnd)
            .OrderBy(e => e.WindowEnd)
            .ToListAsync(cancellationToken);
        var days = earlier.Select(BriefComposer.Read).Append(lastContent).ToList();
        return Combine(days, days[0].WindowStart, lastContent.WindowEnd, lastContent.IndexLine) with { IndexFigures = lastContent.IndexFigures };
    }

    /// <summary>The week's stories from its daily editions, oldest first.</summary>
    public static BriefContent Combine(IReadOnlyList<BriefContent> days, DateTimeOffset start, DateTimeOffset end, string? indexLine)
    {
        // A story told by several newsletters on several days is one story: the day's items and their mentions all join the grouping.
        var items = days.SelectMany(d => d.Items).Take(StoryGrouper.MaxItems).ToList();
        var stories = StoryGrouper.Group(items, i => i.Title + " " + i.Summary, i => i.Source)
            .Select(group => group.OrderByDescending(i => i.AlsoIn.Count).ThenByDescending(i => i.PublishedAt).ToList())
            .Select(group => new { Lead = group[0], Others = group.Skip(1).ToList(), Coverage = group.Sum(i => 1 + i.AlsoIn.Count) })
            .OrderByDescending(s => s.Coverage)
            .ThenByDescending(s => s.Lead.PublishedAt)
            .Take(MaxStories)
            .Select(s => s.Lead with
            {
                AlsoIn = s.Lead.AlsoIn
                    .Concat(s.Others.SelectMany(o => o.AlsoIn.Prepend(new BriefMention(o.Source, o.Title, o.Url))))
                    .Where(m => m.Url != s.Lead.Url)
                    .DistinctBy(m => (m.Source, m.Url))
                    .ToList(),
            })
            .ToList();
        var prose = stories.Count == 0 ? "No newsletter items this week." : "This week: " + BriefComposer.OfflineProse(stories);
        return new BriefContent(start, end, prose, stories, ComposedByModel: false, stories.Exists(i => i.IsSample), indexLine);
    }
}
