using System.Globalization;
using System.Text;
using CryptoDigest.Ai;
using CryptoDigest.Archive;
using CryptoDigest.Briefs;
using CryptoDigest.Replies;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace CryptoDigest.Orchestration;

/// <summary>
/// Answers a question about what the newsletters wrote with the configured model (docs/archive.md, "With a model"):
/// our code retrieves the passages (<see cref="ArchiveAnswerer.FindAsync"/>), the model gets only those, fenced as
/// quoted data with their ids, on a kernel without any tools, and writes the answer citing the ids; our code then
/// checks it (<see cref="ArchiveAnswerCheck"/>) and renders the citations. Whatever the model cannot be trusted with
/// stays with code: abstention, the coverage line and the window searched. The offline answer stands whenever the
/// model's cannot (abstention, budget spent, the member's hourly allowance of model answers used, model down,
/// nothing cited left); it costs nothing, so it is never refused.
/// </summary>
public sealed partial class ArchiveModelAnswerer(
    ArchiveAnswerer archive,
    PromptLibrary prompts,
    ModelBudget budget,
    AnswerLimits limits,
    IServiceProvider services,
    ILogger<ArchiveModelAnswerer> logger)
{
    private const string PromptPlugin = "Answers";
    private const string PromptFunction = "AnswerFromArchive";

    // Six issues' best passages: enough for "what do the newsletters say", small enough to read closely.
    private const int PassagesSent = 6;

    public const string ModelUnavailable = "The model could not answer just now, so here are the issues' own words.";

    public const string BudgetSpent = "Today's model budget is used up, so here are the issues' own words.";

    public const string Removed = "Sentences with a figure that none of the cited issues gives were left out.";

    public const string Uncited = "Sentences resting on no issue I retrieved were left out.";

    /// <summary>The answer in <paramref name="language"/> (a shipped code), or null when the question is not about newsletter content or the archive holds no issue in its window (the caller answers it otherwise).</summary>
    public async Task<ChatReply?> AnswerAsync(string question, Asker asker, string language, CancellationToken cancellationToken)
    {
        // Not about newsletter content, or no issue held in the window: the model answers with its tools (briefs, summaries).
        var texts = ReplyTexts.For(language);
        var findings = await archive.FindAsync(question, texts, cancellationToken);
        if (findings is null || !findings.Held)
        {
            return null;
        }

        // Abstaining: our words, never the model's.
        if (findings.Issues.Count == 0)
        {
            return findings.Offline;
        }

        if (await budget.IsSpentForAnswersAsync(cancellationToken))
        {
            return Prefixed(texts["ArchiveModel.BudgetSpent"], findings.Offline);
        }

        if (limits.Refuse(AnswerKind.Model, asker, texts) is not null)
        {
            return findings.Offline;
        }

        var given = findings.Issues.Take(PassagesSent).ToList();
        string text;
        try
        {
            // No tools at all: passage text must never be able to make anything happen.
            var result = await prompts.InvokeAsync(
                new Kernel(services),
                PromptPlugin,
                PromptFunction,
                new Dictionary<string, object?> { ["question"] = PromptData.Quote(question), ["passages"] = Passages(given), ["language"] = BriefLanguages.EnglishName(language) },
                configure: null,
                cancellationToken);
            text = result.GetValue<string>()?.Trim() ?? string.Empty;
            LogAnswered(logger, given.Count, TokenUsage.From(result.Metadata));
        }
        catch (Exception ex) when (ModelCallFailure.HasOfflineFallback(ex, cancellationToken))
        {
            LogModelFailed(logger, ModelCallFailure.Describe(ex));
            return Prefixed(texts["ArchiveModel.Unavailable"], findings.Offline);
        }

        var checkedAnswer = text.Contains("Rules you always follow", StringComparison.OrdinalIgnoreCase) ? null : ArchiveAnswerCheck.Check(text, given);
        if (checkedAnswer is null)
        {
            LogFellBack(logger);
            return findings.Offline;
        }

        LogChecked(logger, checkedAnswer.RemovedSentences + checkedAnswer.UncitedSentences, checkedAnswer.DroppedCitations);
        return Compose(findings, checkedAnswer, texts);
    }

    /// <summary>The passages as the prompt's data: each fenced with its id, newsletter, issue date and title, the untrusted parts quoted.</summary>
    public static string Passages(IReadOnlyList<ArchiveHit> given)
    {
        var data = new StringBuilder();
        for (var i = 0; i < given.Count; i++)
        {
            var hit = given[i];
            var id = ArchiveAnswerCheck.PassageId(i);
            data.Append(CultureInfo.InvariantCulture, $"=== BEGIN PASSAGE {id} ===\n")
                .Append(CultureInfo.InvariantCulture, $"Newsletter: {PromptData.Quote(hit.Source)}\n")
                .Append(CultureInfo.InvariantCulture, $"Issue date: {ArchiveReply.IssueDate(hit.PublishedAt)}\n")
                .Append(CultureInfo.InvariantCulture, $"Title: {PromptData.Quote(hit.Title)}\n")
                .Append(PromptData.Quote(hit.Passage)).Append('\n')
                .Append(CultureInfo.InvariantCulture, $"=== END PASSAGE {id} ===\n");
        }

        return data.ToString();
    }

    /// <summary>The reply: code's heading (the coverage line, or what was searched), the checked answer with its citations, and for coverage one line per newsletter.</summary>
    public static ChatReply Compose(ArchiveFindings findings, CheckedArchiveAnswer answer, ReplyTexts? texts = null)
    {
        texts ??= ReplyTexts.English;
        var question = findings.Question;
        var about = ArchiveAnswerer.About(question, texts);
        var heading = question.Coverage ? ArchiveAnswerer.CoverageLine(findings.Issues, findings.SourceCount, findings.Window, about, texts)
            : question.Source is null ? texts.Format("ArchiveModel.Heading", about, findings.Window)
            : texts.Format("ArchiveModel.HeadingOf", question.Source, about, findings.Window);
        var citations = answer.Cited.Select((hit, i) => Footnote(hit, i, texts)).ToList();
        var blocks = new List<ReplyBlock> { new(null, heading), new(null, answer.Text, citations) };
        if (question.Coverage)
        {
            blocks.AddRange(findings.Issues.GroupBy(h => h.Source, StringComparer.OrdinalIgnoreCase).Select(g =>
                new ReplyBlock(null, $"{g.Key}: {texts.Count("Archive.Issues", g.Count())}", [ArchiveAnswerer.Cite(g.First())])));
        }

        if (answer.RemovedSentences > 0)
        {
            blocks.Add(new ReplyBlock(null, texts["ArchiveModel.Removed"]));
        }

        if (answer.UncitedSentences > 0)
        {
            blocks.Add(new ReplyBlock(null, texts["ArchiveModel.Uncited"]));
        }

        blocks.Add(new ReplyBlock(null, texts["ArchiveModel.WrittenBy"]));
        return new ChatReply(blocks);
    }

    // "[1] Glassnode, 3 Dec 2026 · Title", linked to the issue; a sample issue says so.
    private static Citation Footnote(ArchiveHit hit, int index, ReplyTexts texts) =>
        new($"[{(index + 1).ToString(CultureInfo.InvariantCulture)}] {hit.Source}, {ArchiveReply.IssueDate(hit.PublishedAt)} · {hit.Title}" + (hit.IsSample ? " " + texts["Archive.SampleIssue"] : string.Empty), hit.Url);

    private static ChatReply Prefixed(string line, ChatReply offline) => offline with { Blocks = [new ReplyBlock(null, line), .. offline.Blocks] };

    [LoggerMessage(Level = LogLevel.Information, Message = "Archive answer by the model over {Passages} passages: tokens {Tokens}")]
    private static partial void LogAnswered(ILogger logger, int passages, TokenUsage tokens);

    [LoggerMessage(Level = LogLevel.Information, Message = "Archive answer checked: {Sentences} sentences removed (an unsupported figure, or citing only passages not retrieved), {Citations} citations to passages not retrieved dropped")]
    private static partial void LogChecked(ILogger logger, int sentences, int citations);

    [LoggerMessage(Level = LogLevel.Information, Message = "The model's archive answer cited no retrieved passage once checked; the offline answer stands")]
    private static partial void LogFellBack(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model call for an archive question failed ({Failure}); answered with the issues' own words")]
    private static partial void LogModelFailed(ILogger logger, string failure);
}
