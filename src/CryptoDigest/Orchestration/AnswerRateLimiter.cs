using System.Threading.RateLimiting;
using CryptoDigest.Ai;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Orchestration;

/// <summary>
/// Limits model answers per member (AI:AnswersPerMemberPerHour) and per chat (AI:AnswersPerChatPerHour):
/// one partitioned limiter each, a <see cref="ClockTokenBucket"/> per member or chat. Only answers that
/// would call the model pass through here; offline answers cost nothing and are never limited. Per
/// instance and in memory: with several instances each allows its own share. See docs/model-limits.md.
/// </summary>
public sealed class AnswerRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<ModelAsker> _members;
    private readonly PartitionedRateLimiter<ModelAsker> _chats;
    private readonly Lock _gate = new();

    public AnswerRateLimiter(IOptions<AiOptions> ai, TimeProvider time)
    {
        var settings = ai.Value;
        _members = Partitioned(settings.AnswersPerMemberPerHour, asker => $"{asker.Platform}:{asker.UserId}", time);
        _chats = Partitioned(settings.AnswersPerChatPerHour, asker => $"{asker.Platform}:{asker.ChatId}", time);
    }

    /// <summary>
    /// Takes one answer from both the member's and the chat's bucket, or from neither when either is
    /// empty; returns null when the answer may go ahead, otherwise the longer of the limiters' retry-afters.
    /// </summary>
    public TimeSpan? TryAcquire(ModelAsker asker)
    {
        lock (_gate)
        {
            // Checked before anything is taken: a chat that refuses must not cost the member a token.
            var wait = Max(RetryAfter(_members, asker), RetryAfter(_chats, asker));
            if (wait is not null)
            {
                return wait;
            }

            using var member = _members.AttemptAcquire(asker);
            using var chat = _chats.AttemptAcquire(asker);
            return null;
        }
    }

    public void Dispose()
    {
        _members.Dispose();
        _chats.Dispose();
    }

    private static PartitionedRateLimiter<ModelAsker> Partitioned(int perHour, Func<ModelAsker, string> key, TimeProvider time) =>
        PartitionedRateLimiter.Create<ModelAsker, string>(asker => perHour > 0
            ? RateLimitPartition.Get(key(asker), _ => new ClockTokenBucket(perHour, time))
            : RateLimitPartition.GetNoLimiter(string.Empty));

    private static TimeSpan? RetryAfter(PartitionedRateLimiter<ModelAsker> limiter, ModelAsker asker)
    {
        if (limiter.GetStatistics(asker) is not { CurrentAvailablePermits: <= 0 })
        {
            return null;
        }

        // The bucket is empty, so this attempt is refused and takes nothing; its lease says how long to wait.
        using var refused = limiter.AttemptAcquire(asker);
        return refused.IsAcquired ? null
            : refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter
            : TimeSpan.FromSeconds(1);
    }

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;
}

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
