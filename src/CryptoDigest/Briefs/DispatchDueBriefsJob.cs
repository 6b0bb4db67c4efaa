using CryptoDigest.Storage;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Briefs;

/// <summary>
/// The every-minute dispatch-due-briefs job: writes due deliveries to the outbox, then hands the
/// outbox to a few deliver-briefs jobs. Hangfire carries batches, never one job per message: it runs
/// tens of jobs a second, a broadcast needs hundreds of messages a second.
/// </summary>
public sealed class DispatchDueBriefsJob(BriefDispatcher dispatcher, IBackgroundJobClient jobs, IServiceScopeFactory scopes, IOptions<DeliveryOptions> options)
{
    public const string RecurringId = "dispatch-due-briefs";

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 30)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await dispatcher.DispatchDueAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var open = await scope.ServiceProvider.GetRequiredService<DigestDbContext>().Deliveries
            .CountAsync(d => d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.Claimed, cancellationToken);
        var batches = Math.Min((open + options.Value.BatchSize - 1) / options.Value.BatchSize, options.Value.ParallelBatches);
        for (var i = 0; i < batches; i++)
        {
            jobs.Enqueue<DeliverBriefsJob>(job => job.RunAsync(CancellationToken.None));
        }
    }
}
