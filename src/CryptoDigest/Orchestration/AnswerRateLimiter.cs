using System.Threading.RateLimiting;
using CryptoDigest.Ai;
using CryptoDigest.Replies;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Orchestration;

/// <summary>
/// Limits model answers per member (AI:AnswersPerMemberPerHour) and per chat (AI:AnswersPerChatPerHour)
/// with one token bucket each: a full bucket allows a burst of the hourly number, then one answer per
/// (hour / number). Buckets are refilled by this class from the injected clock rather than by the
/// limiter's own timer, so time is the app's (and a test's) TimeProvider. Only answers that would call
/// the model pass through here; offline answers cost nothing and are never limited. Per instance:
/// with several instances each allows its own share. See docs/model-limits.md.
/// </summary>
public sealed class AnswerRateLimiter(IOptions<AiOptions> ai, TimeProvider time) : IDisposable
{
    // Buckets of members and chats quiet for a full refill are dropped once there are this many.
    private const int SweepAbove = 10_000;

    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>
    /// Takes one answer from both the member's and the chat's bucket, or none when either is empty;
    /// returns null when the answer may go ahead, otherwise how long until both have one again.
    /// </summary>
    public TimeSpan? TryAcquire(ChatPlatform platform, string chatId, string userId)
    {
        var settings = ai.Value;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_buckets.Count > SweepAbove)
            {
                Sweep(now);
            }

            var member = settings.AnswersPerMemberPerHour > 0 ? Get($"m:{platform}:{userId}", settings.AnswersPerMemberPerHour, now) : null;
            var chat = settings.AnswersPerChatPerHour > 0 ? Get($"c:{platform}:{chatId}", settings.AnswersPerChatPerHour, now) : null;
            var wait = Max(member?.RetryAfter(now), chat?.RetryAfter(now));
            if (wait is not null)
            {
                return wait;
            }

            // Both have a token (checked above under the same lock): take them together, or a refused chat would cost the member one.
            member?.Take();
            chat?.Take();
            return null;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var bucket in _buckets.Values)
            {
                bucket.Dispose();
            }

            _buckets.Clear();
        }
    }

    private Bucket Get(string key, int perHour, DateTimeOffset now)
    {
        if (!_buckets.TryGetValue(key, out var bucket) || bucket.PerHour != perHour)
        {
            bucket?.Dispose();
            bucket = _buckets[key] = new Bucket(perHour, now);
        }

        bucket.Refill(now);
        return bucket;
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, bucket) in _buckets.Where(b => b.Value.IsFullAt(now)).ToList())
        {
            bucket.Dispose();
            _buckets.Remove(key);
        }
    }

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>One token bucket, refilled one token per period from the clock's instants.</summary>
    private sealed class Bucket : IDisposable
    {
        private readonly TokenBucketRateLimiter _limiter;
        private readonly TimeSpan _period;
        private DateTimeOffset _refilledAt;

        public Bucket(int perHour, DateTimeOffset now)
        {
            PerHour = perHour;
            _period = TimeSpan.FromHours(1) / perHour;
            _refilledAt = now;
            _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = perHour,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = _period,
                // Refilled by Refill below, from the injected clock.
                AutoReplenishment = false,
                QueueLimit = 0,
            });
        }

        public int PerHour { get; }

        public void Refill(DateTimeOffset now)
        {
            var periods = (long)((now - _refilledAt) / _period);
            if (periods <= 0)
            {
                return;
            }

            for (var i = 0; i < Math.Min(periods, PerHour); i++)
            {
                _limiter.TryReplenish();
            }

            _refilledAt += _period * periods;
        }

        public bool IsFullAt(DateTimeOffset now) => now - _refilledAt >= TimeSpan.FromHours(1) || _limiter.GetStatistics()?.CurrentAvailablePermits >= PerHour;

        /// <summary>Null while a token is left; otherwise the limiter's retry-after, less the part of the period already gone.</summary>
        public TimeSpan? RetryAfter(DateTimeOffset now)
        {
            if (_limiter.GetStatistics()?.CurrentAvailablePermits > 0)
            {
                return null;
            }

            // No permit is left (checked above, under the caller's lock), so this attempt is refused and takes nothing.
            using var refused = _limiter.AttemptAcquire(1);
            var wait = refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : _period;
            var left = wait - (now - _refilledAt);
            return left > TimeSpan.Zero ? left : TimeSpan.FromSeconds(1);
        }

        public void Take()
        {
            using var lease = _limiter.AttemptAcquire(1);
        }

        public void Dispose() => _limiter.Dispose();
    }
}
