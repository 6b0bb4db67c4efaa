using System.ClientModel;
using System.ClientModel.Primitives;
using CryptoDigest.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;

namespace CryptoDigest.Ai;

public static class AiServiceCollectionExtensions
{
    /// <summary>
    /// Registers the model plumbing every feature that may call a model shares: the AI settings,
    /// the prompt library, the daily token budget, and the chat completion services (the main
    /// model, and the optional cheaper one for summaries under <see cref="AiOptions.SummaryServiceId"/>).
    /// </summary>
    public static IServiceCollection AddAi(this IServiceCollection services)
    {
        services.AddOptions<AiOptions>()
            .BindConfiguration(AiOptions.SectionName)
            .ValidateSettings();

        services.AddSingleton<PromptLibrary>();
        services.AddSingleton<ModelBudget>();
        services.AddSingleton<IBotGauge, ModelBudgetGauge>();

        // Resolved only when a prompt function runs, which happens only with AI:Endpoint set.
        services.AddSingleton<IChatCompletionService>(sp =>
        {
            var ai = sp.GetRequiredService<IOptions<AiOptions>>().Value;
            return new OpenAIChatCompletionService(ai.Model!, CreateClient(ai, sp), sp.GetRequiredService<ILoggerFactory>());
        });

        // The optional cheaper model for per-article summaries, chosen by ServiceId.
        services.AddKeyedSingleton<IChatCompletionService>(AiOptions.SummaryServiceId, (sp, _) =>
        {
            var ai = sp.GetRequiredService<IOptions<AiOptions>>().Value;
            return new OpenAIChatCompletionService(ai.SummaryModel is { Length: > 0 } cheap ? cheap : ai.Model!, CreateClient(ai, sp), sp.GetRequiredService<ILoggerFactory>());
        });
        return services;
    }

    /// <summary>
    /// The OpenAI SDK client for any OpenAI-compatible endpoint. Its retry policy retries 429 and
    /// 5xx with exponential backoff and honours Retry-After; the timeout bounds each attempt.
    /// </summary>
    internal static OpenAIClient CreateClient(AiOptions ai, IServiceProvider services)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(ai.Endpoint!),
            NetworkTimeout = TimeSpan.FromSeconds(ai.TimeoutSeconds),
            RetryPolicy = new ClientRetryPolicy(ai.MaxRetries),
            UserAgentApplicationId = "CryptoDigest",
        };
        options.AddPolicy(new UsageRecordingPolicy(services.GetRequiredService<ModelBudget>(), services.GetRequiredService<BotMetrics>()), PipelinePosition.PerTry);
        return new OpenAIClient(new ApiKeyCredential(string.IsNullOrWhiteSpace(ai.ApiKey) ? "no-key" : ai.ApiKey), options);
    }
}
