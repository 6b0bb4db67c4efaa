using System.Globalization;
using System.Text;
using System.Text.Json;
using CryptoDigest.Ai;
using CryptoDigest.Feeds;
using CryptoDigest.Indices;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using CryptoDigest.Summaries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace CryptoDigest.Briefs;

/// <summary>
/// Composes the daily edition once, for every chat: the articles fetched in
/// [end of the previous edition, now) (at most 36 hours), summarized once each, grouped by
/// story, ordered by substance within themes, then prose written by the model from the cached
/// summaries (never from full texts), or assembled from them offline. A failed model call costs
/// only its part (that article's model summary, or the model prose): the edition is always composed.
/// </summary>
public sealed partial class BriefComposer(
    IServiceScopeFactory scopes,
    ArticleSummarizer summarizer,
    PromptLibrary prompts,
    IOptions<AiOptions> ai,
    IOptions<FeedsOptions> feeds,
    ModelBudget budget,
    IndexAnswers indexAnswers,
    IOptions<BriefsOptions> briefs,
    TimeProvider time,
    ILogger<BriefComposer> logger)
{
    public static readonly TimeSpan MaxWindow = TimeSpan.FromHours(36);
    private const int OfflineProseWords = 250;

    /// <summary>An edition younger than this is reused rather than followed by a near-empty one.</summary>
    public static readonly TimeSpan MinimumWindow = TimeSpan.FromMinutes(10);

    // A fixed key every instance agrees on ("BRIEFCMP" in ASCII).
    private const long ComposeLockKey = 0x4252494546434D50;

    // Composers in this process wait here; the advisory lock below makes other instances wait too.
    private readonly SemaphoreSlim _composing = new(1, 1);

    /// <summary>
    /// Composes and stores the edition ending now, or returns the one another composer stored moments
    /// ago. Composers take turns (in this process, and across instances through a PostgreSQL advisory
    /// lock), so two instances triggered together store one edition rather than two overlapping ones.
    /// </summary>
    public async Task<BriefEdition> ComposeAsync(CancellationToken cancellationToken)
    {
        await _composing.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
            return await scope.ServiceProvider.GetRequiredService<DatabaseDialect>()
                .InTurnAsync(db, ComposeLockKey, () => ComposeInTurnAsync(db, cancellationToken), cancellationToken);
        }
        finally
        {
            _composing.Release();
        }
    }

    private async Task<BriefEdition> ComposeInTurnAsync(DigestDbContext db, CancellationToken cancellationToken)
    {
        if (feeds.Value.UseSamplesWhenOffline)
        {
            // Until a live feed has been read, the bundled sample issues stand in (labelled as samples).
            await SampleArticles.EnsureAsync(db, time, cancellationToken);
        }

        var end = time.GetUtcNow();
        var previous = await db.Editions.AsNoTracking().OrderByDescending(e => e.WindowEnd).FirstOrDefaultAsync(cancellationToken);
        if (previous is not null && previous.WindowEnd > end - MinimumWindow)
        {
            // Composed moments ago (a racing instance, or a second trigger): serve that one.
            return previous;
        }

        // Without a recent edition the window starts 36 hours back, on a whole hour so first editions read alike.
        var start = previous is not null && previous.WindowEnd > end - MaxWindow ? previous.WindowEnd : CeilingToHour(end - MaxWindow);

        var articles = await db.Articles.AsNoTracking().Include(a => a.Source)
            .Where(a => a.FetchedAt >= start && a.FetchedAt < end)
            .ToListAsync(cancellationToken);
        if (articles.Count > StoryGrouper.MaxItems)
        {
            // Bounded work per edition: the newest items make the brief, the rest are dropped and logged.
            LogTooManyArticles(logger, articles.Count, StoryGrouper.MaxItems);
            articles = articles.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(StoryGrouper.MaxItems).ToList();
        }

        var content = await BuildAsync(start, end, articles, cancellationToken);

        var edition = new BriefEdition
        {
            WindowStart = start,
            WindowEnd = end,
            ComposedAt = time.GetUtcNow(),
            Content = JsonSerializer.Serialize(content),
        };
        db.Editions.Add(edition);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            LogComposed(logger, articles.Count, content.Items.Count, content.ComposedByModel);
            return edition;
        }
        catch (DbUpdateException)
        {
            // Only an instance that skipped the turn-taking (an older version) can get here: serve its edition.
            db.ChangeTracker.Clear();
            return await db.Editions.AsNoTracking().FirstOrDefaultAsync(e => e.WindowStart == start, cancellationToken)
                ?? throw new InvalidOperationException("The edition could neither be stored nor found.");
        }
    }

    /// <summary>The latest stored edition, if any.</summary>
    public async Task<(BriefEdition Edition, BriefContent Content)?> LatestAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var edition = await db.Editions.AsNoTracking().OrderByDescending(e => e.WindowEnd).FirstOrDefaultAsync(cancellationToken);
        return edition is null ? null : (edition, Read(edition));
    }

    public static BriefContent Read(BriefEdition edition) =>
        JsonSerializer.Deserialize<BriefContent>(edition.Content) ?? throw new InvalidOperationException($"Edition {edition.Id} has no content.");

    private async Task<BriefContent> BuildAsync(DateTimeOffset start, DateTimeOffset end, IReadOnlyList<Article> articles, CancellationToken cancellationToken)
    {
        var items = Items(await SummarizeAsync(articles, cancellationToken));
        if (items.Count == 0)
        {
            return WithIndexLine(new BriefContent(start, end, NoNewItems(start, ReplyTexts.English), items, false, false), await IndexFiguresAsync(cancellationToken));
        }

        var prose = await ModelProseAsync(start, end, items, cancellationToken);
        return WithIndexLine(new BriefContent(start, end, prose ?? OfflineProse(items), items, prose is not null, items.Any(i => i.IsSample)),
            await IndexFiguresAsync(cancellationToken));
    }

    private async Task<List<(Article Article, string Source, string Summary)>> SummarizeAsync(IReadOnlyList<Article> articles, CancellationToken cancellationToken)
    {
        var summarized = new List<(Article Article, string Source, string Summary)>();
        foreach (var article in articles)
        {
            var source = article.Source?.Name ?? "Unknown newsletter";
            var summary = await summarizer.GetOrCreateAsync(article, source, cancellationToken);
            summarized.Add((article, source, summary.Text));
        }

        return summarized;
    }

    /// <summary>The summaries grouped by story, the stories by theme, the heaviest theme and story first.</summary>
    private static List<BriefItem> Items(List<(Article Article, string Source, string Summary)> summarized)
    {
        var stories = StoryGrouper.Group(summarized, s => s.Article.Title + " " + s.Summary, s => s.Source)
            .Select(group => group.OrderByDescending(s => s.Article.Text.Length).ToList())
            .Select(group => new
            {
                Lead = group[0],
                Others = group.Skip(1).ToList(),
                // More newsletters on a story and more substance in it put it first.
                Weight = group.Sum(s => Math.Min(s.Article.Text.Length, 20_000)) + (5_000 * (group.Count - 1)),
            })
            .ToList();

        return stories
            .Select(s => new { Story = s, Theme = ThemeClassifier.Classify(s.Lead.Article.Title + " " + s.Lead.Summary) })
            .GroupBy(s => s.Theme)
            .OrderByDescending(section => section.Max(s => s.Story.Weight))
            .ThenBy(section => ThemeClassifier.Rank(section.Key))
            .SelectMany(section => section.OrderByDescending(s => s.Story.Weight))
            .Select(s => new BriefItem(
                SummaryLinks.Title(s.Story.Lead.Article.Title),
                s.Story.Lead.Source,
                s.Story.Lead.Article.Url,
                s.Story.Lead.Summary,
                s.Theme,
                s.Story.Others.Select(o => new BriefMention(o.Source, SummaryLinks.Title(o.Article.Title), o.Article.Url)).ToList(),
                s.Story.Lead.Article.PublishedAt,
                s.Story.Lead.Article.IsSample,
                // Extracted once here for chats that chose in-depth briefs: offline, no model call.
                ExtractiveSummarizer.SummarizeInDepth(s.Story.Lead.Article.Text, s.Story.Lead.Article.Title)))
            .ToList();
    }

    /// <summary>The model's prose when a model is configured and the day's budget allows; null otherwise or when the call fails.</summary>
    private async Task<string?> ModelProseAsync(DateTimeOffset start, DateTimeOffset end, List<BriefItem> items, CancellationToken cancellationToken)
    {
        if (!ai.Value.IsConfigured || await budget.IsSpentAsync(cancellationToken))
        {
            return null;
        }

        try
        {
            return await ComposeWithModelAsync(start, end, items, cancellationToken);
        }
        catch (Exception ex) when (ModelCallFailure.HasOfflineFallback(ex, cancellationToken))
        {
            // The items are all there already: a failed prose call costs the edition its model prose, not the edition.
            LogModelBriefFailed(logger, items.Count, ModelCallFailure.Describe(ex));
            return null;
        }
    }

    private async Task<BriefIndexFigures?> IndexFiguresAsync(CancellationToken cancellationToken) =>
        briefs.Value.IndexLine ? await indexAnswers.BriefFiguresAsync(cancellationToken) : null;

    private static BriefContent WithIndexLine(BriefContent content, BriefIndexFigures? figures) =>
        content with { IndexLine = figures?.Describe(ReplyTexts.English), IndexFigures = figures };

    private async Task<string?> ComposeWithModelAsync(DateTimeOffset start, DateTimeOffset end, IReadOnlyList<BriefItem> items, CancellationToken cancellationToken)
    {
        var block = new StringBuilder();
        foreach (var item in items)
        {
            var sources = string.Join(", ", new[] { item.Source }.Concat(item.AlsoIn.Select(a => a.Source)));
            block.Append(CultureInfo.InvariantCulture, $"Story ({item.Theme}); covered by: {sources}\nTitle: {item.Title}\nSummary: {item.Summary}\n\n");
        }

        await using var scope = scopes.CreateAsyncScope();
        // No tools: the summaries come from feeds, and feed text must never be able to make anything happen.
        var result = await prompts.InvokeAsync(
            new Kernel(scope.ServiceProvider),
            "Briefs",
            "ComposeBrief",
            new Dictionary<string, object?>
            {
                ["window"] = $"{Format(start)} to {Format(end)}",
                ["items"] = PromptData.Quote(block.ToString()),
            },
            configure: null,
            cancellationToken);
        LogModelBrief(logger, items.Count, TokenUsage.From(result.Metadata));
        var text = result.GetValue<string>()?.Trim();
        // The item list carries the links; prose links could only be invented ones.
        return string.IsNullOrEmpty(text) ? null : SummaryLinks.Remove(text);
    }

    /// <summary>The prose assembled from the items' summaries, without a model (also for a chat whose topics dropped some items).</summary>
    internal static string OfflineProse(IReadOnlyList<BriefItem> items, ReplyTexts? texts = null)
    {
        texts ??= ReplyTexts.English;
        var sources = items.SelectMany(i => new[] { i.Source }.Concat(i.AlsoIn.Select(a => a.Source))).Distinct().Count();
        var prose = new StringBuilder().Append(texts.Format("Brief.OfflineIntro", texts.Count("Brief.Stories", items.Count), texts.Count("Brief.Newsletters", sources)));
        var words = 0;
        foreach (var item in items)
        {
            var sentence = $"\n\n{item.Summary} ({item.Source}{BriefReplyBuilder.AlsoIn(item, texts)})";
            var sentenceWords = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            if (words > 0 && words + sentenceWords > OfflineProseWords)
            {
                break;
            }

            prose.Append(sentence);
            words += sentenceWords;
        }

        return prose.ToString();
    }

    /// <summary>The prose of an edition without items, in a language.</summary>
    internal static string NoNewItems(DateTimeOffset start, ReplyTexts texts) => texts.Format("Brief.NoNewItems", Format(start));

    private static DateTimeOffset CeilingToHour(DateTimeOffset instant)
    {
        var hour = new DateTimeOffset(instant.Year, instant.Month, instant.Day, instant.Hour, 0, 0, instant.Offset);
        return hour == instant ? hour : hour.AddHours(1);
    }

    private static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} articles arrived in the edition's window; only the newest {Kept} make the brief")]
    private static partial void LogTooManyArticles(ILogger logger, int count, int kept);

    [LoggerMessage(Level = LogLevel.Information, Message = "Composed an edition from {Articles} articles in {Stories} stories (model: {ByModel})")]
    private static partial void LogComposed(ILogger logger, int articles, int stories, bool byModel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model could not write the brief of {Stories} stories ({Failure}); the offline prose stands in")]
    private static partial void LogModelBriefFailed(ILogger logger, int stories, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "The model wrote the brief of {Stories} stories: tokens {Tokens}")]
    private static partial void LogModelBrief(ILogger logger, int stories, TokenUsage tokens);
}
