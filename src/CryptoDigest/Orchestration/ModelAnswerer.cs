using System.Diagnostics;
using CryptoDigest.Ai;
using CryptoDigest.Archive;
using CryptoDigest.Briefs;
using CryptoDigest.Indices;
using CryptoDigest.Knowledge;
using CryptoDigest.Replies;
using CryptoDigest.Security;
using CryptoDigest.Summaries;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace CryptoDigest.Orchestration;

/// <summary>
/// Answers a free-form question with the configured model: the Answers/AnswerQuestion prompt,
/// automatic function calling over the read-only knowledge functions only, and citations taken
/// from what those functions actually returned (not from what the model claims).
/// Output is checked before it is sent: links that no source gave are removed, and a reply that
/// echoes the system prompt is replaced. The caveats are ours, not the model's: how fresh the
/// material is, the seed-phrase warning and the not-financial-advice line. Spend is bounded per
/// question (AI:MaxToolCallsPerQuestion) and per member and chat (<see cref="AnswerLimits"/>).
/// </summary>
public sealed partial class ModelAnswerer(
    Kernel kernel,
    PromptLibrary prompts,
    ModelBudget budget,
    KnowledgeSearch search,
    AnswerLimits limits,
    IOptions<AiOptions> ai,
    ILogger<ModelAnswerer> logger)
{
    private const string PromptPlugin = "Answers";
    private const string PromptFunction = "AnswerQuestion";

    // The read-only functions a model may call; anything else a plugin adds later stays hidden
    // until it is listed here on purpose (FunctionChoiceBehavior.Auto() with no list exposes all).
    private static readonly (string Plugin, string Function)[] ReadOnlyFunctions =
    [
        (IndicesPlugin.PluginName, IndicesPlugin.SearchFunction),
        (IndicesPlugin.PluginName, IndicesPlugin.WeightsFunction),
        (IndicesPlugin.PluginName, IndicesPlugin.ConcentrationFunction),
        (IndicesPlugin.PluginName, IndicesPlugin.CompareFunction),
        (IndicesPlugin.PluginName, IndicesPlugin.DrawdownFunction),
        (SecurityPlugin.PluginName, SecurityPlugin.SearchFunction),
        (NewslettersPlugin.PluginName, NewslettersPlugin.SearchFunction),
        (NewslettersPlugin.PluginName, NewslettersPlugin.SearchAllFunction),
        (NewslettersPlugin.PluginName, NewslettersPlugin.LatestBriefFunction),
        (NewslettersPlugin.PluginName, NewslettersPlugin.RecentSummariesFunction),
        (ArchivePlugin.PluginName, ArchivePlugin.SearchFunction),
    ];

    /// <summary>The English first line of an answer the knowledge base gave because the model failed (Model.Unavailable in ReplyTexts).</summary>
    public const string ModelUnavailable = "The model could not answer just now, so this answer comes straight from my knowledge base.";

    /// <summary>The English first line of an answer the knowledge base gave because the day's budget was spent (Model.BudgetSpent in ReplyTexts).</summary>
    public const string BudgetSpent = "Today's model budget is used up, so this answer comes straight from my knowledge base.";

    /// <summary>Whether an answer came from the knowledge base instead of the model: its first line says so in the reply's language.</summary>
    public static bool FellBackToKnowledgeBase(ChatReply answer, ReplyTexts texts) =>
        answer.Blocks is [{ Text: var first }, ..] && (first == texts["Model.Unavailable"] || first == texts["Model.BudgetSpent"]);

    /// <summary>
    /// Answers <paramref name="question"/> for <paramref name="asker"/>: offline once the day's budget for answers
    /// is spent (the brief's reserve is not theirs; never limited, as it costs nothing), otherwise with the model within the asker's hourly allowance,
    /// written in <paramref name="language"/> (the chat's, a shipped code), which the prompt names.
    /// </summary>
    public async Task<ChatReply> AnswerAsync(string question, Asker asker, string language, CancellationToken cancellationToken)
    {
        // The answer's last call (after the tool budget ran out) goes to the model directly, not through a prompt.
        ModelPurpose.Set("answers");
        var texts = ReplyTexts.For(language);
        if (await budget.IsSpentForAnswersAsync(cancellationToken))
        {
            return FromKnowledgeBase(texts["Model.BudgetSpent"], question, texts);
        }

        if (limits.Refuse(AnswerKind.Model, asker, texts) is { } refused)
        {
            return refused;
        }

        var used = new UsedPassages();
        var cap = new ToolCallCap(ai.Value.MaxToolCallsPerQuestion);
        kernel.AutoFunctionInvocationFilters.Add(used);
        kernel.AutoFunctionInvocationFilters.Add(cap);
        var started = Stopwatch.GetTimestamp();
        var functions = ReadOnlyFunctions.Select(f => kernel.Plugins.GetFunction(f.Plugin, f.Function)).ToList();
        string text;
        IReadOnlyDictionary<string, object?>? metadata;
        try
        {
            (text, metadata) = await AskModelAsync(question, language, functions, cap, cancellationToken);
        }
        catch (Exception ex) when (ModelCallFailure.HasOfflineFallback(ex, cancellationToken))
        {
            // A refusal, an outage past the retries or a timeout costs the member nothing: the
            // knowledge base answers instead, and says so (docs/model-limits.md).
            LogModelFailed(logger, ModelCallFailure.Describe(ex));
            return FromKnowledgeBase(texts["Model.Unavailable"], question, texts);
        }

        LogAnswered(logger, string.Join(",", used.Functions), TokenUsage.From(metadata), Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        // Computed index figures are shown exactly as our code wrote them; the model's retelling is
        // dropped, so no number in an index answer comes from a model (docs/market-data.md).
        if (used.Computed is [var computed, ..])
        {
            return computed;
        }

        return Compose(question, text, used.Passages, used.Items, used.ItemDates, texts);
    }

    /// <summary>The prompt with the read-only functions callable; when the tool cap stopped it, one more request answers from what the calls returned.</summary>
    private async Task<(string Text, IReadOnlyDictionary<string, object?>? Metadata)> AskModelAsync(
        string question, string language, List<KernelFunction> functions, ToolCallCap cap, CancellationToken cancellationToken)
    {
        var result = await prompts.InvokeAsync(
            kernel,
            PromptPlugin,
            PromptFunction,
            new Dictionary<string, object?> { ["question"] = PromptData.Quote(question), ["language"] = BriefLanguages.EnglishName(language) },
            settings => settings.FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(functions, autoInvoke: true),
            cancellationToken);
        if (cap.Reached is not { } stopped)
        {
            return (result.GetValue<string>()?.Trim() ?? string.Empty, result.Metadata);
        }

        // The cap ended the tool loop on a tool result: one more request, with the tools shown but not
        // callable, makes the model answer from what the calls so far returned.
        var finalSettings = stopped.Settings?.Clone() ?? new PromptExecutionSettings();
        finalSettings.FunctionChoiceBehavior = FunctionChoiceBehavior.None(functions);
        var final = await kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync(stopped.History, finalSettings, kernel, cancellationToken);
        LogToolCapReached(logger, ai.Value.MaxToolCallsPerQuestion);
        return (final.Content?.Trim() ?? string.Empty, final.Metadata);
    }

    // The knowledge base's answer under a first line saying why the model did not answer.
    private ChatReply FromKnowledgeBase(string why, string question, ReplyTexts texts) =>
        new([new ReplyBlock(null, why), .. KnowledgeReplyFormatter.Format(search.Answer(question), texts).Blocks]);

    private static ChatReply Compose(string question, string text, IReadOnlyList<AnswerPassage> passages, IReadOnlyList<Citation> items, IReadOnlyList<DateTimeOffset> itemDates, ReplyTexts texts)
    {
        if (text.Length == 0 || LooksLikeSystemPromptEcho(text))
        {
            return passages.Count > 0
                ? KnowledgeReplyFormatter.Format(new KnowledgeAnswer(string.Empty, passages), texts)
                : ChatReply.Text(texts["Model.NoAnswer"]);
        }

        // Only an article's own URL or a link in a knowledge passage may appear; a bare domain only when it is one of their hosts.
        var allowedLinks = passages.SelectMany(p => SummaryLinks.WebLinks(p.Text))
            .Concat(items.Where(i => i.Url is not null).Select(i => i.Url!.AbsoluteUri))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var allowedHosts = allowedLinks.Select(l => Uri.TryCreate(l, UriKind.Absolute, out var uri) ? uri.Host : null).OfType<string>()
            .SelectMany(h => new[] { h, h.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? h[4..] : h })
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var checkedText = SummaryLinks.RemoveExcept(text, link => allowedLinks.Contains(link) || allowedHosts.Contains(link), "[link removed]");
        var citations = passages.Select(p => p.Source).Distinct(StringComparer.Ordinal).Select(s => new Citation(s))
            .Concat(items.DistinctBy(i => i.Title))
            .ToList();
        var blocks = new List<ReplyBlock> { new(null, checkedText, citations) };
        if (passages.Any(p => p.Topic == KnowledgeTopic.Security) && !checkedText.Contains("seed phrase", StringComparison.OrdinalIgnoreCase))
        {
            blocks.Add(new ReplyBlock(null, texts["Knowledge.SeedPhrase"]));
        }

        // How fresh the material is, from what the functions returned rather than from the model's say-so.
        if (itemDates.Count > 0)
        {
            blocks.Add(new ReplyBlock(null, NewsletterFreshness(itemDates, texts)));
        }

        if (passages.Count > 0)
        {
            blocks.Add(new ReplyBlock(null, texts["Knowledge.Freshness"]));
        }

        if (itemDates.Count == 0 && passages.Count == 0)
        {
            blocks.Add(new ReplyBlock(null, texts["Model.GeneralKnowledge"]));
        }

        if (items.Count > 0 || passages.Any(KnowledgeReplyFormatter.TouchesInvesting) || KnowledgeReplyFormatter.MentionsInvesting(question + " " + checkedText))
        {
            blocks.Add(new ReplyBlock(null, texts["Brief.NotFinancialAdvice"]));
        }

        return new ChatReply(blocks);
    }

    /// <summary>The reply when the member's or the chat's hourly allowance of model answers is used up.</summary>
    public static string RateLimited(int seconds) => AnswerLimits.Refusal(TimeSpan.FromSeconds(seconds));

    /// <summary>The freshness line of an answer built on no source at all.</summary>
    public const string GeneralKnowledge = "From the model's general knowledge, not from my sources or the newsletters; check current figures before acting on them.";

    private static string NewsletterFreshness(IReadOnlyList<DateTimeOffset> dates, ReplyTexts texts)
    {
        static string Day(DateTimeOffset d) => d.UtcDateTime.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var (first, last) = (Day(dates.Min()), Day(dates.Max()));
        return first == last ? texts.Format("Model.IssuesDated", first) : texts.Format("Model.IssuesDatedRange", first, last);
    }

    // The system prompt's distinctive rule lines; a reply quoting them is leaking instructions.
    private static bool LooksLikeSystemPromptEcho(string text) =>
        text.Contains("Rules you always follow", StringComparison.OrdinalIgnoreCase)
        || text.Contains("quoted as data", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Information, Message = "The model reached AI:MaxToolCallsPerQuestion ({Cap}) and was asked to answer without more calls")]
    private static partial void LogToolCapReached(ILogger logger, int cap);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model call for a question failed ({Failure}); answered from the knowledge base")]
    private static partial void LogModelFailed(ILogger logger, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model answer: functions [{Functions}], tokens {Tokens}, {ElapsedMs:F0} ms")]
    private static partial void LogAnswered(ILogger logger, string functions, TokenUsage tokens, double elapsedMs);

    /// <summary>
    /// Bounds the tool round trips of one question (AI:MaxToolCallsPerQuestion): calls past the cap are not
    /// run, and once the cap is reached the loop is terminated at the end of the model's batch of calls (so
    /// every call in it has a result in the history) and the history kept for a last, tool-less request.
    /// </summary>
    private sealed class ToolCallCap(int cap) : IAutoFunctionInvocationFilter
    {
        private int _calls;

        /// <summary>Set when the cap stopped the loop: the conversation so far and the request's settings.</summary>
        public (ChatHistory History, PromptExecutionSettings? Settings)? Reached { get; private set; }

        public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
        {
            var call = Interlocked.Increment(ref _calls);
            if (call <= cap)
            {
                await next(context);
            }
            else
            {
                context.Result = new FunctionResult(context.Function, "Not run: the limit of tool calls for this question is reached.");
            }

            if (call >= cap && context.FunctionSequenceIndex == context.FunctionCount - 1)
            {
                context.Terminate = true;
                Reached = (context.ChatHistory, context.ExecutionSettings);
            }
        }
    }

    /// <summary>Records which read-only functions the model called and the passages they returned.</summary>
    private sealed class UsedPassages : IAutoFunctionInvocationFilter
    {
        private readonly List<AnswerPassage> _passages = [];
        private readonly List<string> _functions = [];
        private readonly List<Citation> _items = [];
        private readonly List<DateTimeOffset> _itemDates = [];
        private readonly List<ChatReply> _computed = [];
        private readonly Lock _gate = new();

        /// <summary>Replies computed by the index functions, in call order.</summary>
        public IReadOnlyList<ChatReply> Computed
        {
            get
            {
                lock (_gate)
                {
                    return _computed.ToList();
                }
            }
        }

        /// <summary>Publication dates of the newsletter items the functions returned.</summary>
        public IReadOnlyList<DateTimeOffset> ItemDates
        {
            get
            {
                lock (_gate)
                {
                    return _itemDates.ToList();
                }
            }
        }

        public IReadOnlyList<AnswerPassage> Passages
        {
            get
            {
                lock (_gate)
                {
                    return _passages.DistinctBy(p => p.Title).ToList();
                }
            }
        }

        /// <summary>Newsletter items the functions returned (brief items, summaries), as citations with links.</summary>
        public IReadOnlyList<Citation> Items
        {
            get
            {
                lock (_gate)
                {
                    return _items.ToList();
                }
            }
        }

        public IReadOnlyList<string> Functions
        {
            get
            {
                lock (_gate)
                {
                    return _functions.ToList();
                }
            }
        }

        public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
        {
            await next(context);
            lock (_gate)
            {
                _functions.Add($"{context.Function.PluginName}.{context.Function.Name}");
                switch (context.Result.GetValue<object>())
                {
                    case KnowledgeAnswer answer:
                        _passages.AddRange(answer.Passages);
                        break;
                    case ComputedIndexAnswer computed:
                        _computed.Add(computed.Reply);
                        break;
                    case BriefContent brief:
                        _items.AddRange(brief.Items.Select(i => new Citation($"{i.Source}: {i.Title}", i.Url)));
                        _itemDates.AddRange(brief.Items.Select(i => i.PublishedAt));
                        break;
                    case IEnumerable<DigestEntry> entries:
                        var list = entries.ToList();
                        _items.AddRange(list.Select(e => new Citation($"{e.Source}: {e.Title}", e.Url)));
                        _itemDates.AddRange(list.Select(e => e.PublishedAt));
                        break;
                }
            }
        }
    }
}
