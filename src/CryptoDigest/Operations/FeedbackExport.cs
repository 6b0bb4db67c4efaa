using System.Text;
using CryptoDigest.Briefs;
using CryptoDigest.Feedback;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Operations;

/// <summary>
/// The evaluation set the feedback export verb writes: every brief and answer with votes cast or changed since a
/// date, one entry per rated text and what produced it (a brief rated in chats of two languages is two entries),
/// with the text, its sources, the 👍/👎 counts, the reasons and each vote. Read from what is stored; no member appears.
/// </summary>
public sealed class FeedbackExport(IServiceScopeFactory scopes, FeedbackStore store)
{
    public async Task<IReadOnlyList<FeedbackExportEntry>> ReadAsync(DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var votes = await store.VotesAsync(since, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var answerIds = votes.Where(v => v.TargetKind == FeedbackTarget.AnswerKind).Select(v => v.TargetId).Distinct().ToList();
        var editionIds = votes.Where(v => v.TargetKind == FeedbackTarget.BriefKind).Select(v => v.TargetId).Distinct().ToList();
        var answers = await db.FeedbackAnswers.AsNoTracking().Where(a => answerIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var editions = await db.Editions.AsNoTracking().Where(e => editionIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        return votes
            .GroupBy(v => (v.TargetKind, v.TargetId, v.Model, v.PromptVersion, v.Language))
            .Select(g => Entry(g.Key.TargetKind, g.Key.TargetId, g.ToList(), answers, editions))
            .OfType<FeedbackExportEntry>()
            .ToList();
    }

    private static FeedbackExportEntry? Entry(string kind, long id, List<FeedbackVote> votes, Dictionary<long, FeedbackAnswer> answers, Dictionary<long, BriefEdition> editions)
    {
        string? question = null;
        string text;
        IReadOnlyList<FeedbackSource> sources;
        if (answers.TryGetValue(id, out var answer) && kind == FeedbackTarget.AnswerKind)
        {
            (question, text, sources) = (answer.Question, answer.Text, FeedbackStore.ReadSources(answer.Sources));
        }
        else if (editions.TryGetValue(id, out var edition) && kind == FeedbackTarget.BriefKind)
        {
            (text, sources) = BriefText(BriefComposer.Read(edition));
        }
        else
        {
            // The rated text is gone (an edition pruned): a vote without it teaches nothing.
            return null;
        }

        var first = votes[0];
        return new FeedbackExportEntry(
            kind,
            id,
            first.Model,
            first.PromptVersion,
            first.Language,
            question,
            text,
            sources,
            votes.Count(v => v.Vote == FeedbackStore.UpVote),
            votes.Count(v => v.Vote == FeedbackStore.DownVote),
            votes.Where(v => v.Reason is not null).GroupBy(v => v.Reason!).OrderBy(r => r.Key, StringComparer.Ordinal).ToDictionary(r => r.Key, r => r.Count()),
            votes.Select(v => new FeedbackExportVote(v.Vote, v.Reason, v.ChangedAt)).ToList());
    }

    // The edition as every chat of it was given it before its own filters: the prose, then each item with its summary.
    private static (string Text, IReadOnlyList<FeedbackSource> Sources) BriefText(BriefContent content)
    {
        var text = new StringBuilder(content.Prose.Trim());
        foreach (var item in content.Items)
        {
            text.Append("\n\n").Append(item.Title).Append(" (").Append(item.Source).Append("): ").Append(item.Summary.Trim());
        }

        return (text.ToString().Trim(), content.Items.Select(i => new FeedbackSource($"{i.Source}: {i.Title}", i.Url?.AbsoluteUri)).ToList());
    }
}
