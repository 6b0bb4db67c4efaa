using System.Collections.Concurrent;
using CryptoDigest.Feedback;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Briefs;

/// <summary>
/// One chat's brief from an edition: its sources and topics kept, at its length, daily or weekly, with
/// its market line. Built once per (edition, variant) and shared by every chat with the same choices:
/// a broadcast to thousands of chats reads and builds each variant once. Replies are immutable, so
/// sharing them is safe; a retry with the same edition gets the same reply. A chat in another language than
/// English gets its fixed texts from ReplyTexts and, with a model, the prose and summaries from
/// <see cref="BriefTranslator"/> (once per edition and language); without one, the newsletters' own words and a line saying so.
/// A delivered brief carries the 👍/👎 buttons, whose payload names the edition and no chat, so one keyboard serves every chat of a variant.
/// </summary>
public sealed class ChatBriefReplies(IServiceScopeFactory scopes, WeeklyBriefComposer weekly, BriefMarketLine market, BriefTranslator translator, IOptions<FeedbackOptions> feedback)
{
    private const int MaxKept = 256;

    // One build per key, shared by every chat that asks while it runs: a broadcast starts a thousand chats at once,
    // and each reading and building the edition itself held the first sends back by most of a second.
    private readonly ConcurrentDictionary<(long EditionId, BriefVariant Variant), Lazy<Task<ChatReply>>> _replies = new();

    // The week ending with an edition, composed once however many weekly variants read it.
    private readonly ConcurrentDictionary<long, BriefContent> _weeks = new();

    public async Task<ChatReply> ReplyAsync(long editionId, BriefVariant variant, CancellationToken cancellationToken)
    {
        if (_replies.Count > MaxKept)
        {
            _replies.Clear();
        }

        var key = (editionId, variant);
        var reply = _replies.GetOrAdd(key, _ => new Lazy<Task<ChatReply>>(() => BuildOnceAsync(editionId, variant, cancellationToken)));
        try
        {
            return await reply.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (reply.Value.IsFaulted || reply.Value.IsCanceled)
        {
            // A failed or abandoned build is not kept: the next chat (or this one's retry) builds it again.
            _replies.TryRemove(new KeyValuePair<(long, BriefVariant), Lazy<Task<ChatReply>>>(key, reply));
            throw;
        }
    }

    private async Task<ChatReply> BuildOnceAsync(long editionId, BriefVariant variant, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var edition = await db.Editions.AsNoTracking().FirstAsync(e => e.Id == editionId, cancellationToken);
        var reply = await BuildAsync(edition, BriefComposer.Read(edition), variant, cancellationToken);
        return feedback.Value.Enabled
            ? reply with { Buttons = [.. reply.Buttons, .. FeedbackButtons.Votes(FeedbackTarget.Brief(editionId))] }
            : reply;
    }

    /// <summary>The reply for a variant of a composed edition (also /brief's, with the chat's settings).</summary>
    public async Task<ChatReply> BuildAsync(BriefEdition edition, BriefContent content, BriefVariant variant, CancellationToken cancellationToken)
    {
        var settings = variant.Settings;
        var isWeekly = settings.Cadence.Kind == BriefCadenceKind.Weekly;
        if (isWeekly)
        {
            content = await WeekAsync(edition, content, cancellationToken);
        }

        var texts = ReplyTexts.For(settings.Language);
        (content, var originalLanguage) = await InLanguageAsync(edition.Id, isWeekly, content, settings.Language, texts, cancellationToken);
        content = FilterSources(content, variant.SourceFilter);
        var kept = content.Items.Where(settings.Topics.Keeps).ToList();
        var filteredOut = content.Items.Count - kept.Count;
        if (filteredOut > 0)
        {
            // The edition's prose tells every story; a chat that dropped some gets prose of the stories it kept.
            content = content with { Items = kept, Prose = kept.Count == 0 ? string.Empty : BriefComposer.OfflineProse(kept, texts) };
        }

        var marketLine = settings.Market ? await market.ComputeAsync(content.Items, content.WindowEnd, texts, cancellationToken) : null;
        return BriefReplyBuilder.ToReply(content, new BriefPresentation(settings.Length, isWeekly, filteredOut, settings.Topics, marketLine)
        {
            Texts = texts,
            SummariesInOriginalLanguage = originalLanguage,
        }) with { Language = settings.Language };
    }

    /// <summary>
    /// The content in the chat's language: English as composed; another language as the model wrote it for this
    /// edition, or else the prose assembled from the original summaries with the fixed parts translated.
    /// </summary>
    private async Task<(BriefContent Content, bool OriginalLanguage)> InLanguageAsync(
        long editionId, bool weekly, BriefContent content, string language, ReplyTexts texts, CancellationToken cancellationToken)
    {
        if (language == BriefLanguages.Default)
        {
            return (content, false);
        }

        if (content.Items.Count == 0)
        {
            return (content with { Prose = BriefComposer.NoNewItems(content.WindowStart, texts) }, false);
        }

        var translated = await translator.TranslateAsync(editionId, weekly, content, language, cancellationToken);
        return translated is not null ? (translated, false) : (content with { Prose = BriefComposer.OfflineProse(content.Items, texts) }, true);
    }

    private async Task<BriefContent> WeekAsync(BriefEdition edition, BriefContent content, CancellationToken cancellationToken)
    {
        if (_weeks.TryGetValue(edition.Id, out var week))
        {
            return week;
        }

        week = await weekly.ComposeAsync(edition, content, cancellationToken);
        if (_weeks.Count > 16)
        {
            _weeks.Clear();
        }

        return _weeks.GetOrAdd(edition.Id, week);
    }

    private static BriefContent FilterSources(BriefContent brief, string filter)
    {
        if (filter.Length == 0)
        {
            return brief;
        }

        var wanted = filter.Split(',', StringSplitOptions.RemoveEmptyEntries);
        bool Wanted(string source) => wanted.Any(w => source.Contains(w, StringComparison.OrdinalIgnoreCase));
        return brief with { Items = brief.Items.Where(i => Wanted(i.Source) || i.AlsoIn.Any(a => Wanted(a.Source))).ToList() };
    }
}
