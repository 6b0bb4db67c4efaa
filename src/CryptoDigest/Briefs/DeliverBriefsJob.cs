using Hangfire;

namespace CryptoDigest.Briefs;

/// <summary>
/// One deliver-briefs job: claims batches from the outbox until none is left. It is not retried by
/// Hangfire: the rows it claimed carry leases, and the next dispatch resumes whatever it left.
/// </summary>
public sealed class DeliverBriefsJob(BriefDeliverer deliverer)
{
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(CancellationToken cancellationToken) => deliverer.DeliverDueAsync(cancellationToken);
}
