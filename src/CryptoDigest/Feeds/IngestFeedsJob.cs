using Hangfire;

namespace CryptoDigest.Feeds;

/// <summary>
/// The recurring ingest-feeds job. It runs more often than Feeds:IntervalMinutes and fetches only
/// the sources whose slot has come, so fetches spread over the interval. No retries: the next run
/// is minutes away, and a failing source already backs off on its own.
/// </summary>
public sealed class IngestFeedsJob(FeedIngestor ingestor)
{
    public const string RecurringId = "ingest-feeds";

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 10)]
    public Task RunAsync(CancellationToken cancellationToken) => ingestor.IngestAllAsync(dueOnly: true, cancellationToken);
}
