using CryptoDigest.Briefs;
using CryptoDigest.Feeds;
using CryptoDigest.Indices;
using CryptoDigest.Operations;
using CryptoDigest.Security.LinkCheck;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Host.Jobs;

/// <summary>Registers (or updates) the recurring jobs at start, each with an explicit time zone.</summary>
internal sealed class RecurringJobsRegistration(
    IRecurringJobManager recurringJobs,
    IOptions<JobsOptions> options,
    IOptions<LinkCheckOptions> linkCheck,
    IOptions<MarketOptions> market,
    IOptions<OperatorsOptions> operators) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var jobs = options.Value;
        recurringJobs.AddOrUpdate<ComposeBriefJob>(
            ComposeBriefJob.RecurringId,
            job => job.RunAsync(CancellationToken.None),
            jobs.ComposeBriefCron,
            new RecurringJobOptions
            {
                TimeZone = TimeZoneInfo.FindSystemTimeZoneById(jobs.ComposeBriefTimeZone),
                // One run after downtime, not one per missed day (that would post stale briefs).
                MisfireHandling = MisfireHandlingMode.Relaxed,
            });
        recurringJobs.AddOrUpdate<DispatchDueBriefsJob>(
            DispatchDueBriefsJob.RecurringId,
            job => job.RunAsync(CancellationToken.None),
            Cron.Minutely(),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Ignorable });
        recurringJobs.AddOrUpdate<IngestFeedsJob>(
            IngestFeedsJob.RecurringId,
            job => job.RunAsync(CancellationToken.None),
            jobs.IngestFeedsCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Ignorable });
        if (linkCheck.Value.ListUrl.Length > 0)
        {
            recurringJobs.AddOrUpdate<RefreshPhishingListJob>(
                RefreshPhishingListJob.RecurringId,
                job => job.RunAsync(CancellationToken.None),
                linkCheck.Value.RefreshCron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Relaxed });
        }
        else
        {
            recurringJobs.RemoveIfExists(RefreshPhishingListJob.RecurringId);
        }

        if (market.Value.IsLive)
        {
            recurringJobs.AddOrUpdate<RefreshMarketsJob>(
                RefreshMarketsJob.RecurringId,
                job => job.RunAsync(CancellationToken.None),
                jobs.RefreshMarketsCron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Ignorable });
        }
        else
        {
            // Market data switched off since the last start: the sample needs no refresh.
            recurringJobs.RemoveIfExists(RefreshMarketsJob.RecurringId);
        }

        RegisterOperatorAlerts();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Only with an alert chat; its state is in the database, so any instance's run announces each condition once.
    private void RegisterOperatorAlerts()
    {
        if (operators.Value.AlertTarget is null)
        {
            recurringJobs.RemoveIfExists(OperatorAlertJob.RecurringId);
            return;
        }

        recurringJobs.AddOrUpdate<OperatorAlertJob>(
            OperatorAlertJob.RecurringId,
            job => job.RunAsync(CancellationToken.None),
            $"*/{operators.Value.AlertCheckMinutes} * * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Ignorable });
    }
}
