using System.ComponentModel.DataAnnotations;

namespace CryptoDigest.Ai;

/// <summary>
/// The model endpoint (section "AI"). With no endpoint the bot runs offline: extractive
/// summaries and retrieval answers. Any OpenAI-compatible endpoint works (OpenAI, Azure
/// OpenAI, Ollama, vLLM, LM Studio).
/// </summary>
public sealed class AiOptions : IValidatableObject
{
    public const string SectionName = "AI";

    /// <summary>The ServiceId under which the summary model (<see cref="SummaryModel"/>) is registered.</summary>
    public const string SummaryServiceId = "summary";

    /// <summary>Base URL of an OpenAI-compatible API, e.g. http://localhost:11434/v1 for Ollama.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The API key; never logged. Local servers usually ignore it.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The model for answers and briefs.</summary>
    public string? Model { get; set; }

    /// <summary>An optional cheaper model for per-article summaries; defaults to <see cref="Model"/>.</summary>
    public string? SummaryModel { get; set; }

    /// <summary>
    /// An embedding model on the same endpoint (e.g. text-embedding-3-small, or nomic-embed-text on Ollama) for the
    /// newsletter archive's semantic search; without it the archive embeds with the bundled local model (docs/archive.md).
    /// </summary>
    public string? EmbeddingModel { get; set; }

    /// <summary>Whether archive vectors come from the endpoint's <see cref="EmbeddingModel"/>.</summary>
    public bool HasEmbeddingModel => IsConfigured && !string.IsNullOrWhiteSpace(EmbeddingModel);

    [Range(1, 600, ErrorMessage = "AI:TimeoutSeconds must be between 1 and 600.")]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>The prompt folder, relative to the executable's folder.</summary>
    [Required(ErrorMessage = "AI:PromptsPath must not be empty.")]
    public string PromptsPath { get; set; } = "prompts";

    [Range(0, 10, ErrorMessage = "AI:MaxRetries must be between 0 and 10.")]
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// Tokens the bot may use per UTC day across all instances; 0 means no limit. The default bounds a
    /// forgotten bot's spend to a few dollars a day on a small model (see docs/model-limits.md).
    /// </summary>
    [Range(0, long.MaxValue, ErrorMessage = "AI:DailyTokenBudget must be 0 (no limit) or more.")]
    public long DailyTokenBudget { get; set; } = 2_000_000;

    /// <summary>
    /// Tokens of AI:DailyTokenBudget kept for the daily brief and article summaries: member answers fall back to
    /// the knowledge base once today's use reaches the budget minus this reserve. Must be below the budget;
    /// unset means a tenth of the budget.
    /// </summary>
    [Range(0, long.MaxValue, ErrorMessage = "AI:BriefReserveTokens must be 0 (no reserve) or more.")]
    public long? BriefReserveTokens { get; set; }

    /// <summary>The reserve in force: <see cref="BriefReserveTokens"/>, or a tenth of the budget when it is unset.</summary>
    public long EffectiveBriefReserve => BriefReserveTokens ?? DailyTokenBudget / 10;

    /// <summary>Model answers one member may get per hour, per platform; 0 means no limit.</summary>
    [Range(0, 10_000, ErrorMessage = "AI:AnswersPerMemberPerHour must be between 0 (no limit) and 10000.")]
    public int AnswersPerMemberPerHour { get; set; } = 20;

    /// <summary>Model answers one chat (group, channel or private chat) may get per hour; 0 means no limit.</summary>
    [Range(0, 100_000, ErrorMessage = "AI:AnswersPerChatPerHour must be between 0 (no limit) and 100000.")]
    public int AnswersPerChatPerHour { get; set; } = 100;

    /// <summary>Tool (function) calls the model may make for one question before it must answer with what it has.</summary>
    [Range(1, 20, ErrorMessage = "AI:MaxToolCallsPerQuestion must be between 1 and 20.")]
    public int MaxToolCallsPerQuestion { get; set; } = 4;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DailyTokenBudget > 0 && BriefReserveTokens is { } reserve && reserve >= DailyTokenBudget)
        {
            yield return new ValidationResult($"AI:BriefReserveTokens ({reserve}) must be below AI:DailyTokenBudget ({DailyTokenBudget}), or member answers could never use the model.", [nameof(BriefReserveTokens)]);
        }

        if (!IsConfigured)
        {
            if (!string.IsNullOrWhiteSpace(EmbeddingModel))
            {
                yield return new ValidationResult("AI:EmbeddingModel needs AI:Endpoint: the embedding model is called on the same endpoint as the chat model.", [nameof(EmbeddingModel)]);
            }

            yield break;
        }

        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult($"AI:Endpoint must be an absolute http or https URL, not '{Endpoint}'.", [nameof(Endpoint)]);
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult("AI:Model is required when AI:Endpoint is set (e.g. gpt-4o-mini, or llama3.1 on Ollama).", [nameof(Model)]);
        }
    }
}
