using System.Threading.RateLimiting;

namespace CryptoDigest.Orchestration;

/// <summary>
/// A token bucket on an injected <see cref="TimeProvider"/>: full, it allows a burst of the hourly number,
/// then one token per (hour / number). The framework's TokenBucketRateLimiter measures time with its own
/// stopwatch even when replenished by hand, so a test's clock could not move it; this one reads the clock
/// on every call and needs no timer. Refused leases carry the wait until the next token as RetryAfter.
/// </summary>
internal sealed class ClockTokenBucket(int perHour, TimeProvider time) : RateLimiter
{
    private readonly int _limit = perHour;
    private readonly TimeSpan _period = TimeSpan.FromHours(1) / perHour;
    private readonly Lock _gate = new();
    private int _tokens = perHour;
    private DateTimeOffset _refilledAt = time.GetUtcNow();

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                // Idle once full again: the partitioned limiter then drops the bucket, which starts full anyway.
                var now = Refill();
                return _tokens >= _limit ? now - _refilledAt : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            Refill();
            return new RateLimiterStatistics { CurrentAvailablePermits = _tokens };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _limit);
        lock (_gate)
        {
            var now = Refill();
            if (_tokens >= Math.Max(permitCount, 1))
            {
                _tokens -= permitCount;
                return AnswerPermit.Granted;
            }

            // The first missing token comes one period after the last refill; each further one a period later.
            var missing = Math.Max(permitCount, 1) - _tokens;
            return new AnswerPermit(false, (_period * missing) - (now - _refilledAt));
        }
    }

    // Nothing waits in a queue: an answer is refused at once, with its retry-after.
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private DateTimeOffset Refill()
    {
        var now = time.GetUtcNow();
        var periods = (long)((now - _refilledAt) / _period);
        if (periods > 0)
        {
            _tokens = (int)Math.Min(_limit, _tokens + periods);
            _refilledAt = _tokens >= _limit ? now : _refilledAt + (_period * periods);
        }

        return now;
    }

    private sealed class AnswerPermit(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly AnswerPermit Granted = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name ? wait : null;
            return metadata is not null;
        }
    }
}
