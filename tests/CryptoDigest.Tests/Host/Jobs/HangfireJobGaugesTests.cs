using CryptoDigest.Host.Jobs;
using Hangfire;
using Hangfire.InMemory;

namespace CryptoDigest.Tests.Host.Jobs;

/// <summary>Hangfire's job counts as the three cryptodigest_jobs_* gauges.</summary>
public sealed class HangfireJobGaugesTests : IDisposable
{
    private readonly InMemoryStorage _storage = new();

    [Fact]
    public async Task Enqueued_jobs_show_in_the_enqueued_gauge_and_nothing_is_processing_or_failed()
    {
        var client = new BackgroundJobClient(_storage);
        // Never run here (no server): only counted.
        client.Enqueue(() => Console.WriteLine());
        client.Enqueue(() => Console.WriteLine());

        var gauges = new HangfireJobGauges(_storage, TimeProvider.System);

        Assert.Equal(["cryptodigest.jobs.enqueued", "cryptodigest.jobs.processing", "cryptodigest.jobs.failed"], new[] { gauges.Enqueued, gauges.Processing, gauges.Failed }.Select(g => g.Name));
        // The first scrape waits only briefly for the storage, by design; on a busy machine it may come back empty.
        await WaitUntilAsync(() => gauges.Enqueued.Read() is not null);
        Assert.Equal(2, gauges.Enqueued.Read());
        Assert.Equal(0, gauges.Processing.Read());
        Assert.Equal(0, gauges.Failed.Read());
    }

    public void Dispose() => _storage.Dispose();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
