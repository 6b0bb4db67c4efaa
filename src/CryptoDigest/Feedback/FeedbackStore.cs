using System.Data.Common;
using System.Text.Json;
using CryptoDigest.Ai;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Feedback;

/// <summary>
/// Stores what the feedback buttons need (docs/feedback.md): the answers they sit under, and one vote per member
/// per brief or answer in a chat, changed by a later press. A vote counts only in a chat that got what it names:
/// a brief's edition delivered there, an answer given there; anything else is refused and nothing is stored.
/// Votes are only stored and counted: nothing any chat receives changes because of them.
/// </summary>
public sealed partial class FeedbackStore(
    IServiceScopeFactory scopes,
    MemberHasher hasher,
    PromptLibrary prompts,
    IOptions<AiOptions> ai,
    IOptions<FeedbackOptions> options,
    TimeProvider time,
    ILogger<FeedbackStore> logger)
{
    private const int MaxQuestionLength = 2000;
    private const string AnswerPromptPlugin = "Answers";
    private const string AnswerPromptFunction = "AnswerQuestion";
    private const string BriefPromptPlugin = "Briefs";
    private const string BriefPromptFunction = "ComposeBrief";

    public bool Enabled => options.Value.Enabled;

    /// <summary>
    /// Stores an answer and returns it with the 👍/👎 row under it; the answer as it was when the buttons are off
    /// or the database did not take it (a member's answer never waits on its feedback row).
    /// </summary>
    public async Task<ChatReply> OfferAsync(ChatPlatform platform, string chatId, string question, ChatReply answer, bool byModel, string language, CancellationToken cancellationToken)
    {
        // The console has no buttons to press: nothing to store for it.
        if (!Enabled || platform == ChatPlatform.Console)
        {
            return answer;
        }

        var row = new FeedbackAnswer
        {
            Platform = platform.ToString(),
            ChatId = chatId,
            Question = question.Length <= MaxQuestionLength ? question : question[..MaxQuestionLength],
            Text = answer.ToString(),
            Sources = JsonSerializer.Serialize(answer.Blocks.SelectMany(b => b.Citations).Distinct().Select(c => new FeedbackSource(c.Title, c.Url?.AbsoluteUri)), SourceJson),
            Model = byModel ? ai.Value.Model ?? FeedbackProducer.Offline : FeedbackProducer.Offline,
            PromptVersion = byModel ? prompts.Version(AnswerPromptPlugin, AnswerPromptFunction) : string.Empty,
            Language = language,
            CreatedAt = time.GetUtcNow(),
        };
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
            db.FeedbackAnswers.Add(row);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateException or DbException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            LogAnswerNotStored(logger, ex.GetType().Name);
            return answer;
        }

        return answer with { Buttons = [.. answer.Buttons, .. FeedbackButtons.Votes(FeedbackTarget.Answer(row.Id))] };
    }

    /// <summary>Stores (or changes) <paramref name="memberId"/>'s vote, if what the press names was delivered or given in this chat.</summary>
    public async Task<FeedbackVoted> VoteAsync(ChatPlatform platform, string chatId, string memberId, FeedbackPress press, CancellationToken cancellationToken)
    {
        string? language = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Read once from the database (or the settings), then kept: the later attempts cost nothing.
                var member = await hasher.HashAsync(platform, memberId, cancellationToken);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
                if (await ProducerAsync(db, platform, chatId, press.Target, cancellationToken) is not { } producer)
                {
                    return new FeedbackVoted(FeedbackOutcome.NotHere);
                }

                language = producer.Language;
                await UpsertAsync(db, platform, chatId, member, press, producer, cancellationToken);
                return new FeedbackVoted(FeedbackOutcome.Recorded, language);
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                // The same member's two presses raced to insert: the second one now finds the first and changes it.
            }
            catch (Exception ex) when (ex is DbUpdateException or DbException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                LogVoteNotStored(logger, ex.GetType().Name);
                return new FeedbackVoted(FeedbackOutcome.Failed, language);
            }
        }
    }

    /// <summary>The votes cast or changed since <paramref name="since"/>, for the operator's view.</summary>
    public async Task<FeedbackTally> TallyAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var counts = await db.FeedbackVotes.AsNoTracking()
            .Where(v => v.ChangedAt >= since)
            .GroupBy(v => new { v.Vote, v.Reason })
            .Select(g => new { g.Key.Vote, g.Key.Reason, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Count(Func<string, string?, bool> match) => counts.Where(c => match(c.Vote, c.Reason)).Sum(c => c.Count);
        return new FeedbackTally(
            since,
            Count((vote, _) => vote == UpVote),
            Count((vote, _) => vote == DownVote),
            Count((_, reason) => reason == FeedbackPayload.ReasonCode(FeedbackReason.WrongFact)),
            Count((_, reason) => reason == FeedbackPayload.ReasonCode(FeedbackReason.NotRelevant)),
            Count((_, reason) => reason == FeedbackPayload.ReasonCode(FeedbackReason.TooLong)));
    }

    /// <summary>Every vote cast or changed since <paramref name="since"/> (all when null), oldest first, for the export.</summary>
    public async Task<IReadOnlyList<FeedbackVote>> VotesAsync(DateTimeOffset? since, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var votes = db.FeedbackVotes.AsNoTracking();
        if (since is { } from)
        {
            votes = votes.Where(v => v.ChangedAt >= from);
        }

        return await votes.OrderBy(v => v.Id).ToListAsync(cancellationToken);
    }

    /// <summary>An answer's stored sources (FeedbackAnswers.Sources).</summary>
    public static IReadOnlyList<FeedbackSource> ReadSources(string json) =>
        JsonSerializer.Deserialize<List<FeedbackSource>>(json, SourceJson) ?? [];

    private static readonly JsonSerializerOptions SourceJson = new(JsonSerializerDefaults.Web);

    /// <summary>FeedbackVotes.Vote of a 👍.</summary>
    public const string UpVote = "up";

    /// <summary>FeedbackVotes.Vote of a 👎.</summary>
    public const string DownVote = "down";

    // What produced the target, read where the chat got it; null when this chat never got it.
    private async Task<FeedbackProducer?> ProducerAsync(DigestDbContext db, ChatPlatform platform, string chatId, FeedbackTarget target, CancellationToken cancellationToken)
    {
        var platformName = platform.ToString();
        if (target.Kind == FeedbackTargetKind.Answer)
        {
            return await db.FeedbackAnswers.AsNoTracking()
                .Where(a => a.Id == target.Id && a.Platform == platformName && a.ChatId == chatId)
                .Select(a => new FeedbackProducer(a.Model, a.PromptVersion, a.Language))
                .FirstOrDefaultAsync(cancellationToken);
        }

        var delivered = await db.Deliveries.AsNoTracking()
            .Where(d => d.EditionId == target.Id && d.SentParts > 0 && d.Subscription!.Platform == platformName && d.Subscription.ChatId == chatId)
            .Select(d => new { d.Subscription!.Language, d.Edition!.Content })
            .FirstOrDefaultAsync(cancellationToken);
        return delivered is null ? null : BriefProducer(delivered.Content, delivered.Language);
    }

    // The edition records whether a model wrote its prose (BriefContent.ComposedByModel in its JSON); Briefs is not
    // Feedback's to use, so the one flag is read here. The model is the configured one, the prompt the brief's.
    private FeedbackProducer BriefProducer(string content, string language)
    {
        using var json = JsonDocument.Parse(content);
        var byModel = json.RootElement.TryGetProperty("ComposedByModel", out var flag) && flag.ValueKind == JsonValueKind.True;
        return byModel && ai.Value.Model is { Length: > 0 } model
            ? new FeedbackProducer(model, prompts.Version(BriefPromptPlugin, BriefPromptFunction), language)
            : new FeedbackProducer(FeedbackProducer.Offline, string.Empty, language);
    }

    private async Task UpsertAsync(DigestDbContext db, ChatPlatform platform, string chatId, string member, FeedbackPress press, FeedbackProducer producer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var kind = press.Target.StoredKind;
        var platformName = platform.ToString();
        var vote = await db.FeedbackVotes.FirstOrDefaultAsync(
            v => v.TargetKind == kind && v.TargetId == press.Target.Id && v.Platform == platformName && v.ChatId == chatId && v.MemberHash == member,
            cancellationToken);
        if (vote is null)
        {
            vote = new FeedbackVote
            {
                TargetKind = kind,
                TargetId = press.Target.Id,
                Platform = platformName,
                ChatId = chatId,
                MemberHash = member,
                Vote = UpVote,
                Model = producer.Model,
                PromptVersion = producer.PromptVersion,
                Language = producer.Language,
                CreatedAt = now,
            };
            db.FeedbackVotes.Add(vote);
        }

        // A 👎 pressed again keeps the reason already given; a reason or a 👍 replaces it.
        var keepReason = !press.Up && press.Reason is null && vote.Vote == DownVote;
        vote.Reason = keepReason ? vote.Reason : press.Reason is { } reason ? FeedbackPayload.ReasonCode(reason) : null;
        vote.Vote = press.Up ? UpVote : DownVote;
        vote.ChangedAt = now;
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store an answer for feedback ({Error}); it is sent without the vote buttons")]
    private static partial void LogAnswerNotStored(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store a feedback vote: {Error}")]
    private static partial void LogVoteNotStored(ILogger logger, string error);
}
