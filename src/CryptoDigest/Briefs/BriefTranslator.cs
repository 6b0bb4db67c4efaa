using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CryptoDigest.Ai;
using CryptoDigest.Summaries;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace CryptoDigest.Briefs;

/// <summary>
/// An edition's prose and item summaries written by the model in a chat's language (the prompt names it),
/// once per (edition, daily or weekly, language) and kept: a broadcast to thousands of chats in three languages
/// makes three model calls, however many chats read each. Titles, sources and links stay as the newsletters
/// wrote them. A translation that changes or drops a number is refused. Offline, over budget or on failure
/// the answer is null: the chat gets its fixed texts translated and the summaries in their original language.
/// </summary>
public sealed partial class BriefTranslator(
    IServiceScopeFactory scopes,
    PromptLibrary prompts,
    IOptions<AiOptions> ai,
    ModelBudget budget,
    ILogger<BriefTranslator> logger)
{
    private const int MaxKept = 64;

    // One task per key, shared by every chat that asks while it runs: the call is made once, not once per chat.
    private readonly ConcurrentDictionary<(long EditionId, bool Weekly, string Language), Lazy<Task<BriefContent?>>> _translations = new();

    /// <summary>The content in the language, or null when it stays in the newsletters' language (English asks nothing).</summary>
    public async Task<BriefContent?> TranslateAsync(long editionId, bool weekly, BriefContent content, string language, CancellationToken cancellationToken)
    {
        if (language == BriefLanguages.Default || content.Items.Count == 0 || !ai.Value.IsConfigured)
        {
            return null;
        }

        if (_translations.Count > MaxKept)
        {
            _translations.Clear();
        }

        var key = (editionId, weekly, language);
        var translation = _translations.GetOrAdd(key, _ => new Lazy<Task<BriefContent?>>(() => TranslateOnceAsync(content, language, cancellationToken)));
        try
        {
            return await translation.Value;
        }
        catch (OperationCanceledException)
        {
            // The caller that started it gave up: the next chat starts it again.
            _translations.TryRemove(new KeyValuePair<(long, bool, string), Lazy<Task<BriefContent?>>>(key, translation));
            throw;
        }
    }

    private async Task<BriefContent?> TranslateOnceAsync(BriefContent content, string language, CancellationToken cancellationToken)
    {
        if (await budget.IsSpentAsync(cancellationToken))
        {
            return null;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            // No tools: the sections come from feeds, and feed text must never be able to make anything happen.
            var result = await prompts.InvokeAsync(
                new Kernel(scope.ServiceProvider),
                "Briefs",
                "TranslateBrief",
                new Dictionary<string, object?> { ["language"] = BriefLanguages.EnglishName(language), ["sections"] = Sections(content) },
                configure: null,
                cancellationToken);
            LogTranslated(logger, content.Items.Count, language, TokenUsage.From(result.Metadata));
            var translated = Read(result.GetValue<string>() ?? string.Empty, content);
            if (translated is null)
            {
                LogRefused(logger, language);
            }

            return translated;
        }
        catch (Exception ex) when (ModelCallFailure.HasOfflineFallback(ex, cancellationToken))
        {
            LogFailed(logger, language, ModelCallFailure.Describe(ex));
            return null;
        }
    }

    private static string Sections(BriefContent content)
    {
        var text = new StringBuilder().Append("=== PROSE ===\n").Append(PromptData.Quote(content.Prose)).Append('\n');
        for (var i = 0; i < content.Items.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"=== ITEM {i + 1} ===\n").Append(PromptData.Quote(content.Items[i].Summary)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The model's sections read back into the content, or null when one is missing or any section's numbers
    /// differ from the original's: a number a member reads must be the newsletter's, digit for digit.
    /// </summary>
    internal static BriefContent? Read(string answer, BriefContent original)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var body = new StringBuilder();
        foreach (var line in answer.Split('\n'))
        {
            var marker = Marker().Match(line.Trim());
            if (marker.Success)
            {
                Close(sections, current, body);
                current = marker.Groups[1].Value;
                continue;
            }

            body.Append(line).Append('\n');
        }

        Close(sections, current, body);
        if (!sections.TryGetValue("PROSE", out var prose) || !SameNumbers(original.Prose, prose))
        {
            return null;
        }

        var items = new List<BriefItem>();
        for (var i = 0; i < original.Items.Count; i++)
        {
            if (!sections.TryGetValue($"ITEM {i + 1}", out var summary) || !SameNumbers(original.Items[i].Summary, summary))
            {
                return null;
            }

            // The longer extract is the newsletter's own text; in-depth chats read the translated summary instead.
            items.Add(original.Items[i] with { Summary = summary, Detail = null });
        }

        // The item list carries the links; prose links could only be invented ones.
        return original with { Prose = SummaryLinks.Remove(prose), Items = items };
    }

    private static void Close(Dictionary<string, string> sections, string? current, StringBuilder body)
    {
        if (current is not null && body.ToString().Trim() is { Length: > 0 } text)
        {
            sections[current] = text;
        }

        body.Clear();
    }

    // Digit runs, so "1.5%" and "1,5 %" agree while "1.6%" or a dropped figure does not.
    private static bool SameNumbers(string original, string translated) =>
        Digits().Matches(original).Select(m => m.Value).Order(StringComparer.Ordinal)
            .SequenceEqual(Digits().Matches(translated).Select(m => m.Value).Order(StringComparer.Ordinal));

    [GeneratedRegex(@"^===\s*(PROSE|ITEM \d+)\s*===$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Marker();

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Digits();

    [LoggerMessage(Level = LogLevel.Information, Message = "The model wrote an edition of {Stories} stories in {Language}: tokens {Tokens}")]
    private static partial void LogTranslated(ILogger logger, int stories, string language, TokenUsage tokens);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model's {Language} brief was refused (a section missing or a number changed); the summaries stay in their original language")]
    private static partial void LogRefused(ILogger logger, string language);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model could not write the brief in {Language} ({Failure}); the summaries stay in their original language")]
    private static partial void LogFailed(ILogger logger, string language, string failure);
}
