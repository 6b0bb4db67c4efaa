using System.ComponentModel.DataAnnotations;

namespace CryptoDigest.Briefs;

/// <summary>How scheduled briefs are delivered (section "Delivery").</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>
    /// A brief more than this late (the process was down) is skipped for that day rather than sent stale; and a
    /// delivery that keeps failing (a platform outage, no new edition yet) is retried until this long after it was
    /// dispatched, then recorded as failed.
    /// </summary>
    [Range(0, 1440, ErrorMessage = "Delivery:GraceMinutes must be between 0 and 1440.")]
    public int GraceMinutes { get; set; } = 180;

    /// <summary>
    /// How long a claim holds a delivery; a live holder renews it every third of that, and a dead
    /// (killed) instance's claim is taken over after it. Short, so that a crash mid-broadcast delays
    /// its chats by about a minute, not ten (docs/hardening.md).
    /// </summary>
    [Range(1, 120, ErrorMessage = "Delivery:LeaseMinutes must be between 1 and 120.")]
    public int LeaseMinutes { get; set; } = 1;

    /// <summary>Deliveries claimed at once by one worker; the unit a Hangfire job carries.</summary>
    [Range(1, 10_000, ErrorMessage = "Delivery:BatchSize must be between 1 and 10000.")]
    public int BatchSize { get; set; } = 500;

    /// <summary>Chats sent to concurrently within a batch; the platform senders do the pacing.</summary>
    [Range(1, 10_000, ErrorMessage = "Delivery:MaxConcurrentChats must be between 1 and 10000.")]
    public int MaxConcurrentChats { get; set; } = 256;

    /// <summary>deliver-briefs jobs started per dispatch when the outbox holds work (per cluster, spread over instances).</summary>
    [Range(1, 64, ErrorMessage = "Delivery:ParallelBatches must be between 1 and 64.")]
    public int ParallelBatches { get; set; } = 4;

    /// <summary>
    /// At most this many attempts at a delivery, when set; by default none: attempts go on until
    /// <see cref="GraceMinutes"/> runs out, so an outage of any length within it costs no brief.
    /// </summary>
    [Range(1, 1000, ErrorMessage = "Delivery:MaxAttempts must be between 1 and 1000.")]
    public int? MaxAttempts { get; set; }

    /// <summary>Wait before a transiently failed delivery is tried the first time again; it doubles with each failure.</summary>
    [Range(1, 3600, ErrorMessage = "Delivery:RetryDelaySeconds must be between 1 and 3600.")]
    public int RetryDelaySeconds { get; set; } = 60;

    /// <summary>The longest wait between two attempts at a delivery, however many failed before.</summary>
    [Range(1, 3600, ErrorMessage = "Delivery:MaxRetryDelaySeconds must be between 1 and 3600.")]
    public int MaxRetryDelaySeconds { get; set; } = 600;
}
