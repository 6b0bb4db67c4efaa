using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.Knowledge;

/// <summary>
/// Builds the knowledge base's BM25 index while the host starts, so the first /index or /security
/// question of a burst does not pay for parsing and indexing, and a malformed knowledge file stops
/// the start instead of failing a member's command. The passages' vectors are made beside the start
/// (once per process and model), not awaited: a slow or absent model must not hold the bot up.
/// </summary>
internal sealed partial class KnowledgeIndexLoader(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<KnowledgeBase>();
        var vectors = services.GetRequiredService<KnowledgeVectors>();
        var logger = services.GetService<ILogger<KnowledgeIndexLoader>>();
        _ = Task.Run(() => WarmUpAsync(vectors, logger), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task WarmUpAsync(KnowledgeVectors vectors, ILogger? logger)
    {
        try
        {
            if (vectors.IsOn)
            {
                await vectors.WarmUpAsync(CancellationToken.None);
                if (logger is not null)
                {
                    LogVectorsReady(logger);
                }
            }
        }
        catch (Exception exception)
        {
            // The first question tries again; until then answers rank by words.
            if (logger is not null)
            {
                LogWarmUpFailed(logger, exception);
            }
        }
    }

    // Operators (and the commands benchmark, which measures after it) see when the start's background work is over.
    [LoggerMessage(Level = LogLevel.Information, Message = "The knowledge passages' vectors are ready")]
    private static partial void LogVectorsReady(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The knowledge passages could not be embedded at start; questions rank by words until the model answers")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception exception);
}
