using CryptoDigest.Feeds.Email;
using CryptoDigest.Storage;
using CryptoDigest.Telemetry;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CryptoDigest.Host.Jobs;

/// <summary>Hangfire: PostgreSQL storage when configured, in-memory otherwise; the server and the recurring jobs.</summary>
public static class JobsServiceCollectionExtensions
{
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateSettings();
        var postgres = configuration.GetConnectionString(StorageOptions.PostgresConnectionStringName);
        services.AddHangfire((sp, config) =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (string.IsNullOrWhiteSpace(postgres))
            {
                config.UseInMemoryStorage();
                return;
            }

            var jobs = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
            config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(IdleFriendly(postgres)), new PostgreSqlStorageOptions
            {
                // Idle workers wait on LISTEN/NOTIFY for a new job and look in the queue only every poll interval
                // besides: five workers polling every 5 s were a third of an idle bot's transactions.
                EnableLongPolling = true,
                QueuePollInterval = TimeSpan.FromSeconds(jobs.PollIntervalSeconds),
                // A job outliving the invisibility timeout would be run again by another worker.
                UseSlidingInvisibilityTimeout = true,
                // Fail the start when the database is unreachable rather than run without jobs.
                AllowDegradedModeWithoutStorage = false,
            });
        });
        services.AddSingleton<JobsServerName>();
        services.AddHangfireServer((sp, server) =>
        {
            var jobs = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
            server.WorkerCount = jobs.WorkerCount;
            server.SchedulePollingInterval = TimeSpan.FromSeconds(jobs.SchedulePollSeconds);
            server.ServerName = sp.GetRequiredService<JobsServerName>().Value;
        });
        services.AddSingleton<HangfireJobGauges>();
        services.AddSingleton<IBotGauge>(sp => sp.GetRequiredService<HangfireJobGauges>().Enqueued);
        services.AddSingleton<IBotGauge>(sp => sp.GetRequiredService<HangfireJobGauges>().Processing);
        services.AddSingleton<IBotGauge>(sp => sp.GetRequiredService<HangfireJobGauges>().Failed);
        services.AddHealthChecks().AddCheck<JobsHeartbeatCheck>("jobs", tags: [Operations.HealthEndpoints.ReadyTag]);
        services.AddHostedService<RecurringJobsRegistration>();
        // Serving only (never in one-shot verbs like feeds fetch): new newsletter mail is read as it arrives.
        services.AddHostedService(sp => sp.GetRequiredService<MailboxIdleListener>());
        return services;
    }

    // Npgsql resets a pooled connection (DISCARD ALL, a transaction of its own) when it is next opened; Hangfire
    // opens and returns connections for every poll, lock and heartbeat, and keeps no session state across them,
    // so its connections skip the reset: that was another third of an idle bot's transactions.
    private static string IdleFriendly(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;
}
