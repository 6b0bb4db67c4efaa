using CryptoDigest.Knowledge;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CryptoDigest.Tests.Knowledge;

public class KnowledgeIndexLoaderTests
{
    [Fact]
    public async Task The_knowledge_index_is_built_once_while_the_host_starts_and_shared_by_every_search()
    {
        var built = 0;
        var services = new ServiceCollection().AddKnowledge();
        // The same embedded base, counted: a build per request or a lazy first build would show here.
        services.AddSingleton(_ =>
        {
            Interlocked.Increment(ref built);
            return KnowledgeBase.LoadEmbedded();
        });
        await using var provider = services.BuildServiceProvider();

        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        Assert.Equal(1, built);
        using (var scope = provider.CreateScope())
        {
            Assert.NotEmpty(scope.ServiceProvider.GetRequiredService<KnowledgeSearch>().Answer("why market cap weighting").Passages);
        }

        Assert.NotEmpty(provider.GetRequiredService<KnowledgeSearch>().Answer("what is a seed phrase").Passages);
        Assert.Equal(1, built);
    }
}
