using System.Threading.RateLimiting;

namespace CryptoDigest.Orchestration;

/// <summary>
/// Limits one kind of costly answer per member and per chat (hourly numbers; 0 means no limit): one
/// partitioned limiter each, a <see cref="ClockTokenBucket"/> per member or chat. <see cref="AnswerLimits"/>
/// holds one per kind (model answers, computed index answers, link checks). Per instance and in memory:
/// with several instances each allows its own share. See docs/model-limits.md.
/// </summary>
public sealed class AnswerRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<Asker> _members;
    private readonly PartitionedRateLimiter<Asker> _chats;
    private readonly Lock _gate = new();

    public AnswerRateLimiter(int perMemberPerHour, int perChatPerHour, TimeProvider time)
    {
        _members = Partitioned(perMemberPerHour, asker => $"{asker.Platform}:{asker.UserId}", time);
        _chats = Partitioned(perChatPerHour, asker => $"{asker.Platform}:{asker.ChatId}", time);
    }

    /// <summary>
    /// Takes one answer from both the member's and the chat's bucket, or from neither when either is
    /// empty; returns null when the answer may go ahead, otherwise the longer of the limiters' retry-afters.
    /// </summary>
    public TimeSpan? TryAcquire(Asker asker)
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

    private static PartitionedRateLimiter<Asker> Partitioned(int perHour, Func<Asker, string> key, TimeProvider time) =>
        PartitionedRateLimiter.Create<Asker, string>(asker => perHour > 0
            ? RateLimitPartition.Get(key(asker), _ => new ClockTokenBucket(perHour, time))
            : RateLimitPartition.GetNoLimiter(string.Empty));

    private static TimeSpan? RetryAfter(PartitionedRateLimiter<Asker> limiter, Asker asker)
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
