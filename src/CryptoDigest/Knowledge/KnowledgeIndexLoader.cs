using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CryptoDigest.Knowledge;

/// <summary>
/// Builds the knowledge base's BM25 index while the host starts, so the first /index or /security
/// question of a burst does not pay for parsing and indexing, and a malformed knowledge file stops
/// the start instead of failing a member's command.
/// </summary>
internal sealed class KnowledgeIndexLoader(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<KnowledgeBase>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
