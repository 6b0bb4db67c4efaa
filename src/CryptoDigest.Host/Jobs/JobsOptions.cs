using System.ComponentModel.DataAnnotations;

namespace CryptoDigest.Host.Jobs;

/// <summary>Schedules and the Hangfire server (section "Jobs").</summary>
public sealed class JobsOptions : IValidatableObject
{
    public const string SectionName = "Jobs";

    /// <summary>When the daily edition is composed (cron, in <see cref="ComposeBriefTimeZone"/>).</summary>
    public string ComposeBriefCron { get; set; } = "0 6 * * *";

    /// <summary>IANA zone of the compose-brief schedule; Hangfire would otherwise read cron in UTC.</summary>
    public string ComposeBriefTimeZone { get; set; } = "UTC";

    /// <summary>How often ingest-feeds looks for sources whose fetch slot has come (each source is fetched every Feeds:IntervalMinutes).</summary>
    public string IngestFeedsCron { get; set; } = "*/5 * * * *";

    /// <summary>How often refresh-markets refreshes the cached CoinGecko markets pages (UTC; only with Market:ApiBaseUrl set).</summary>
    public string RefreshMarketsCron { get; set; } = "*/10 * * * *";

    [Range(1, 100, ErrorMessage = "Jobs:WorkerCount must be between 1 and 100.")]
    public int WorkerCount { get; set; } = 5;

    /// <summary>
    /// How often idle workers look in PostgreSQL's queue besides being woken by LISTEN/NOTIFY when a job is enqueued:
    /// only a wake-up that was missed waits this long.
    /// </summary>
    [Range(1, 300, ErrorMessage = "Jobs:PollIntervalSeconds must be between 1 and 300.")]
    public int PollIntervalSeconds { get; set; } = 30;

    /// <summary>
    /// How often the schedulers look for a recurring job whose minute has come (and for delayed jobs): a brief's
    /// dispatch starts at most this long after its minute. Hangfire's default is 15 s.
    /// </summary>
    [Range(1, 60, ErrorMessage = "Jobs:SchedulePollSeconds must be between 1 and 60.")]
    public int SchedulePollSeconds { get; set; } = 30;

    public DashboardOptions Dashboard { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsCron(ComposeBriefCron))
        {
            yield return new ValidationResult($"Jobs:ComposeBriefCron '{ComposeBriefCron}' is not a cron expression (e.g. 0 6 * * * for 06:00 daily).");
        }

        if (!IsCron(IngestFeedsCron))
        {
            yield return new ValidationResult($"Jobs:IngestFeedsCron '{IngestFeedsCron}' is not a cron expression (e.g. */5 * * * * for every five minutes).");
        }

        if (!IsCron(RefreshMarketsCron))
        {
            yield return new ValidationResult($"Jobs:RefreshMarketsCron '{RefreshMarketsCron}' is not a cron expression (e.g. */10 * * * * for every ten minutes).");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(ComposeBriefTimeZone, out _))
        {
            yield return new ValidationResult($"Jobs:ComposeBriefTimeZone '{ComposeBriefTimeZone}' is not a known IANA time zone (e.g. UTC, Europe/Berlin).");
        }

        if (Dashboard.Enabled && (string.IsNullOrWhiteSpace(Dashboard.Username) || string.IsNullOrWhiteSpace(Dashboard.Password) || Dashboard.Password.Length < 12))
        {
            yield return new ValidationResult("Jobs:Dashboard:Username and Jobs:Dashboard:Password (at least 12 characters) are required when Jobs:Dashboard:Enabled is true: the dashboard is never open without them.");
        }
    }

    // Hangfire keeps its cron parser internal; this checks the shape, and Hangfire rejects the
    // rest when the job is registered at start, which still stops the start.
    private static bool IsCron(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length is 5 or 6 && fields.All(f => f.All(c => char.IsAsciiLetterOrDigit(c) || "*,-/?#".Contains(c, StringComparison.Ordinal)));
    }

    /// <summary>The Hangfire dashboard at /hangfire: off unless enabled with credentials.</summary>
    public sealed class DashboardOptions
    {
        public bool Enabled { get; set; }
        public string? Username { get; set; }
        public string? Password { get; set; }

        /// <summary>Read-only by default: viewing jobs must not let anyone re-trigger a broadcast.</summary>
        public bool ReadOnly { get; set; } = true;
    }
}
