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

    [Fact]
    public async Task The_knowledge_base_embeds_with_the_model_the_archive_registers()
    {
        var services = new ServiceCollection().AddKnowledge();
        services.AddSingleton<ISentenceEmbedder, CountingEmbedder>();
        await using var provider = services.BuildServiceProvider();
        var search = provider.GetRequiredService<KnowledgeSearch>();
        await provider.GetRequiredService<KnowledgeVectors>().WarmUpAsync(CancellationToken.None);

        await search.AnswerAsync("what is a seed phrase", CancellationToken.None);
        await search.AnswerAsync("what is a private key", CancellationToken.None);

        var embedder = (CountingEmbedder)provider.GetRequiredService<ISentenceEmbedder>();
        // The passages once (two texts each), then one text per question.
        Assert.Equal([KnowledgeBase.LoadEmbedded().Passages.Count * 2, 1, 1], embedder.Calls);
    }

    /// <summary>A stand-in model of our own test: a fixed vector per text, and the size of each call.</summary>
    private sealed class CountingEmbedder : ISentenceEmbedder
    {
        public List<int> Calls { get; } = [];

        // Its own model name, so the process-wide cache of passage vectors starts empty for this test.
        private readonly string _model = "counting-" + Guid.NewGuid().ToString("N");

        public string? Model => _model;

        public Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
        {
            lock (Calls)
            {
                Calls.Add(texts.Count);
            }

            return Task.FromResult<IReadOnlyList<float[]>>(texts.Select(t => ExactVectorSearch.Normalize([t.Length, 1f])).ToArray());
        }
    }
}
