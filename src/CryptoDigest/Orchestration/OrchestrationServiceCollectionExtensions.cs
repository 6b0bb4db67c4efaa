using System.ClientModel;
using System.ClientModel.Primitives;
using CryptoDigest.Indices;
using CryptoDigest.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;

namespace CryptoDigest.Orchestration;

public static class OrchestrationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Semantic Kernel with the Newsletters, Indices, Security and Feeds plugins.
    /// The plugins are built once; each request gets a fresh, cheap <see cref="Kernel"/> over them,
    /// which is how Semantic Kernel expects a kernel to be shared. A configured model (AI:Endpoint)
    /// sees exactly these read-only functions.
    /// </summary>
    public static IServiceCollection AddOrchestration(this IServiceCollection services)
    {
        services.AddOptions<AiOptions>()
            .BindConfiguration(AiOptions.SectionName)
            .ValidateSettings();

        services.AddSingleton<NewslettersPlugin>();
        services.AddSingleton<IndicesPlugin>();
        services.AddSingleton<SecurityPlugin>();
        services.AddSingleton<FeedsPlugin>();
        services.AddSingleton(sp => new KernelPluginCollection(
        [
            KernelPluginFactory.CreateFromObject(sp.GetRequiredService<NewslettersPlugin>(), NewslettersPlugin.PluginName),
            KernelPluginFactory.CreateFromObject(sp.GetRequiredService<IndicesPlugin>(), IndicesPlugin.PluginName),
            KernelPluginFactory.CreateFromObject(sp.GetRequiredService<SecurityPlugin>(), SecurityPlugin.PluginName),
            KernelPluginFactory.CreateFromObject(sp.GetRequiredService<FeedsPlugin>(), FeedsPlugin.PluginName),
        ]));
        services.AddTransient(sp => new Kernel(sp, new KernelPluginCollection(sp.GetRequiredService<KernelPluginCollection>())));
        services.AddSingleton<PromptLibrary>();
        services.AddSingleton<ModelBudget>();
        services.AddTransient<ModelAnswerer>();

        // Resolved only when a prompt function runs, which happens only with AI:Endpoint set.
        services.AddSingleton<IChatCompletionService>(sp =>
        {
            var ai = sp.GetRequiredService<IOptions<AiOptions>>().Value;
            return new OpenAIChatCompletionService(ai.Model!, CreateClient(ai, sp), sp.GetRequiredService<ILoggerFactory>());
        });

        // The optional cheaper model for per-article summaries, chosen by ServiceId.
        services.AddKeyedSingleton<IChatCompletionService>(Summaries.ArticleSummarizer.SummaryServiceId, (sp, _) =>
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
    private static OpenAIClient CreateClient(AiOptions ai, IServiceProvider services)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(ai.Endpoint!),
            NetworkTimeout = TimeSpan.FromSeconds(ai.TimeoutSeconds),
            RetryPolicy = new ClientRetryPolicy(ai.MaxRetries),
            UserAgentApplicationId = "CryptoDigest",
        };
        options.AddPolicy(new UsageRecordingPolicy(services.GetRequiredService<ModelBudget>()), PipelinePosition.PerTry);
        return new OpenAIClient(new ApiKeyCredential(string.IsNullOrWhiteSpace(ai.ApiKey) ? "no-key" : ai.ApiKey), options);
    }
}
