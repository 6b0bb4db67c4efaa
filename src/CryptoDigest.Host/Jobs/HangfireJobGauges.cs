using CryptoDigest.Telemetry;
using Hangfire;

namespace CryptoDigest.Host.Jobs;

/// <summary>
/// Hangfire's enqueued, processing and failed job counts as gauges (cryptodigest_jobs_enqueued, _processing,
/// _failed): one read of the storage's statistics serves all three, at most once per <see cref="CachedReading{T}.MaxAge"/>.
/// </summary>
public sealed class HangfireJobGauges
{
    private readonly CachedReading<JobCounts> _counts;

    public HangfireJobGauges(JobStorage storage, TimeProvider time)
    {
        _counts = new CachedReading<JobCounts>(_ => Task.Run(() => Read(storage)), time);
        Enqueued = new BotGauge("cryptodigest.jobs.enqueued", "{job}", "Hangfire jobs waiting in a queue.", () => _counts.Read()?.Enqueued);
        Processing = new BotGauge("cryptodigest.jobs.processing", "{job}", "Hangfire jobs running now.", () => _counts.Read()?.Processing);
        Failed = new BotGauge("cryptodigest.jobs.failed", "{job}", "Hangfire jobs in the failed state.", () => _counts.Read()?.Failed);
    }

    public IBotGauge Enqueued { get; }

    public IBotGauge Processing { get; }

    public IBotGauge Failed { get; }

    private static JobCounts Read(JobStorage storage)
    {
        var statistics = storage.GetMonitoringApi().GetStatistics();
        return new JobCounts(statistics.Enqueued, statistics.Processing, statistics.Failed);
    }

    private readonly record struct JobCounts(long Enqueued, long Processing, long Failed);
}
