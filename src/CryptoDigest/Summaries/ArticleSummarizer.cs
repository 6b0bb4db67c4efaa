using CryptoDigest.Ai;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace CryptoDigest.Summaries;

/// <summary>
/// Summarizes each article once per (prompt version, model, content hash) and caches the result
/// in storage, however many chats and editions use it. An edited article has a new content hash
/// and is summarized again; editing the prompt changes its version and re-summarizes exactly the
/// summaries it made. With no model configured, with the day's budget spent, or when the model call
/// for this article fails, the summary is extractive.
/// </summary>
public sealed partial class ArticleSummarizer(
    IServiceScopeFactory scopes,
    PromptLibrary prompts,
    IOptions<AiOptions> ai,
    ModelBudget budget,
    TimeProvider time,
    ILogger<ArticleSummarizer> logger)
{
    public const string ExtractiveModel = "extractive";
    public const string ExtractiveVersion = "lexrank-1";
    private const string PromptPlugin = "Newsletters";
    private const string PromptFunction = "SummarizeArticle";

    // Newsletter issues can be long; the opening carries the substance and bounds the cost.
    private const int MaxCharactersSent = 12_000;

    // A short item's own text stands in for a summary up to about this many characters.
    private const int LeadLength = 300;

    /// <summary>Returns the cached summary of the article's current text, making it first if needed.</summary>
    public async Task<ArticleSummary> GetOrCreateAsync(Article article, string sourceName, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var useModel = ai.Value.IsConfigured;
        var (version, model) = useModel ? ModelKey() : (ExtractiveVersion, ExtractiveModel);
        var cached = await FindAsync(db, article, version, model, cancellationToken);
        if (cached is not null)
        {
            return Cleaned(cached, article);
        }

        if (useModel && await budget.IsSpentAsync(cancellationToken))
        {
            // The day's model budget is spent: the extractive summary stands in (and is cached as such).
            (useModel, version, model) = (false, ExtractiveVersion, ExtractiveModel);
            cached = await FindAsync(db, article, version, model, cancellationToken);
            if (cached is not null)
            {
                return Cleaned(cached, article);
            }
        }

        string? text = null;
        if (useModel)
        {
            try
            {
                text = await SummarizeWithModelAsync(scope.ServiceProvider, article, sourceName, cancellationToken);
            }
            catch (Exception ex) when (ModelCallFailure.HasOfflineFallback(ex, cancellationToken))
            {
                // One article the provider refuses (content filter, context length) or cannot answer (an outage
                // after retries, a timeout) must not cost the whole edition: its extractive summary stands in,
                // cached as extractive, so the next edition asks the model again.
                LogModelFailed(logger, article.Id, ModelCallFailure.Describe(ex));
                (version, model) = (ExtractiveVersion, ExtractiveModel);
                cached = await FindAsync(db, article, version, model, cancellationToken);
                if (cached is not null)
                {
                    return Cleaned(cached, article);
                }
            }
        }

        text = text is null ? ExtractiveText(article) : Cleaned(text, article.Title);
        if (string.IsNullOrWhiteSpace(text))
        {
            // Nothing long enough to pick: the item's own short text stands in. Never its title
            // again: the summary is shown under it, and an item of nothing but a title has no summary.
            text = Cleaned(Lead(article.Text), article.Title);
        }

        return await StoreAsync(db, article, version, model, text, cancellationToken);
    }

    private static string ExtractiveText(Article article) =>
        Cleaned(ExtractiveSummarizer.Summarize(article.Text, article.Title), article.Title);

    // Stores the new summary; when another instance stored the same article version first, theirs is as good as ours.
    private async Task<ArticleSummary> StoreAsync(DigestDbContext db, Article article, string version, string model, string text, CancellationToken cancellationToken)
    {
        var summary = new ArticleSummary
        {
            ArticleId = article.Id,
            PromptVersion = version,
            Model = model,
            ContentHash = article.ContentHash,
            Text = text,
            CreatedAt = time.GetUtcNow(),
        };
        db.Summaries.Add(summary);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return summary;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Cleaned(
                await FindAsync(db, article, version, model, cancellationToken)
                    ?? throw new InvalidOperationException($"The summary of article {article.Id} could neither be stored nor found."),
                article);
        }
    }

    /// <summary>A summary stored before links and repeated titles were removed at summarizing time is cleaned as it is read.</summary>
    private static ArticleSummary Cleaned(ArticleSummary summary, Article article)
    {
        summary.Text = Cleaned(summary.Text, article.Title);
        return summary;
    }

    /// <summary>
    /// A summary is shown on platforms that auto-link bare domains (an article's own link is its
    /// citation, never its text), and under its title, so it never opens by repeating it.
    /// </summary>
    private static string Cleaned(string text, string title) => LeadingTitle.Remove(SummaryLinks.Remove(text), title).Trim();

    /// <summary>The opening of a short item's text, cut at a word.</summary>
    private static string Lead(string text)
    {
        var opening = text.Length > LeadLength * 4 ? text[..(LeadLength * 4)] : text;
        var line = string.Join(' ', opening.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= LeadLength)
        {
            return line;
        }

        var cut = line.LastIndexOf(' ', LeadLength);
        return (cut > LeadLength / 2 ? line[..cut] : line[..LeadLength]) + "…";
    }

    private (string PromptVersion, string Model) ModelKey() =>
        (prompts.Version(PromptPlugin, PromptFunction), ai.Value.SummaryModel is { Length: > 0 } cheap ? cheap : ai.Value.Model!);

    private async Task<string> SummarizeWithModelAsync(IServiceProvider services, Article article, string sourceName, CancellationToken cancellationToken)
    {
        // No tools at all (the library offers none unless asked): article text must never be able to make anything happen.
        var result = await prompts.InvokeAsync(
            new Kernel(services),
            PromptPlugin,
            PromptFunction,
            new Dictionary<string, object?>
            {
                ["source"] = sourceName,
                ["title"] = PromptData.Quote(article.Title),
                ["text"] = PromptData.Quote(article.Text.Length <= MaxCharactersSent ? article.Text : article.Text[..MaxCharactersSent]),
            },
            settings => settings.ServiceId = ai.Value.SummaryModel is { Length: > 0 } ? AiOptions.SummaryServiceId : null,
            cancellationToken);
        LogSummarized(logger, article.Id, TokenUsage.From(result.Metadata));
        return result.GetValue<string>()?.Trim() ?? string.Empty;
    }

    private static Task<ArticleSummary?> FindAsync(DigestDbContext db, Article article, string version, string model, CancellationToken cancellationToken) =>
        db.Summaries.AsNoTracking().FirstOrDefaultAsync(
            s => s.ArticleId == article.Id && s.PromptVersion == version && s.Model == model && s.ContentHash == article.ContentHash,
            cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model could not summarize article {ArticleId} ({Failure}); its extractive summary stands in")]
    private static partial void LogModelFailed(ILogger logger, long articleId, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Summarized article {ArticleId} with the model: tokens {Tokens}")]
    private static partial void LogSummarized(ILogger logger, long articleId, TokenUsage tokens);
}
