using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;

namespace CryptoDigest.Discord;

/// <summary>
/// Discord's REST rate limits as one process sees them (https://discord.com/developers/docs/topics/rate-limits):
/// per-bucket limits learned from X-RateLimit-* headers, keyed by bucket and top-level resource; the global
/// 50 requests per second for bot-token requests; pauses ordered by 429 retry_after; and the invalid-request
/// limit (10,000 responses of 401, 403 or 429 per 10 minutes), which this process never lets itself reach.
/// A singleton shared by every <see cref="DiscordRestClient"/>.
/// </summary>
public sealed class DiscordRateLimiter(TimeProvider time)
{
    public const int GlobalRequestsPerSecond = 50;

    // Discord bans the IP for a while at 10,000; stop well before, leaving room for other instances.
    public const int InvalidRequestBudget = 8_000;
    private static readonly TimeSpan InvalidRequestWindow = TimeSpan.FromMinutes(10);
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _routeGates = new();
    private readonly ConcurrentDictionary<string, string> _bucketByRoute = new();
    private readonly ConcurrentDictionary<string, BucketState> _buckets = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _refusingChannels = new();
    private readonly Queue<DateTimeOffset> _globalSends = new();
    private readonly Queue<DateTimeOffset> _invalidResponses = new();
    private readonly Lock _lock = new();
    private DateTimeOffset _globalPausedUntil;
    private volatile bool _botTokenRejected;

    /// <summary>True after Discord answered 401 to the bot token: further bot requests would only add invalid requests.</summary>
    public bool BotTokenRejected => _botTokenRejected;

    /// <summary>One request per route at a time, so each sees the bucket state its predecessor's headers left.</summary>
    internal SemaphoreSlim GateFor(string routeKey)
    {
        if (_routeGates.Count > PruneAbove)
        {
            Prune();
        }

        return _routeGates.GetOrAdd(routeKey, _ => new SemaphoreSlim(1, 1));
    }

    internal bool HasInvalidRequestBudget()
    {
        lock (_lock)
        {
            DropOlderThan(_invalidResponses, time.GetUtcNow() - InvalidRequestWindow);
            return _invalidResponses.Count < InvalidRequestBudget;
        }
    }

    /// <summary>Waits until the route's bucket has a request left, then takes it.</summary>
    internal async Task WaitForBucketAsync(string routeKey, CancellationToken cancellationToken)
    {
        var state = StateFor(routeKey);
        while (true)
        {
            TimeSpan wait;
            lock (state)
            {
                var now = time.GetUtcNow();
                if (state.Remaining > 0 || now >= state.ResetAt)
                {
                    state.Remaining = Math.Max(0, state.Remaining - 1);
                    return;
                }

                wait = state.ResetAt - now;
            }

            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>Waits out a global 429 pause and keeps bot-token requests under 50 per second.</summary>
    internal async Task WaitForGlobalAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetUtcNow();
                DropOlderThan(_globalSends, now - TimeSpan.FromSeconds(1));
                if (now < _globalPausedUntil)
                {
                    wait = _globalPausedUntil - now;
                }
                else if (_globalSends.Count >= GlobalRequestsPerSecond)
                {
                    wait = _globalSends.Peek() + TimeSpan.FromSeconds(1) - now;
                }
                else
                {
                    _globalSends.Enqueue(now);
                    return;
                }
            }

            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>Learns the route's bucket and its remaining requests from a response's headers.</summary>
    internal void Update(string routeKey, string majorParameter, HttpResponseHeaders headers)
    {
        if (Header(headers, "X-RateLimit-Bucket") is { Length: > 0 } bucket)
        {
            // Routes that share a bucket share its state, but only for the same top-level resource.
            _bucketByRoute[routeKey] = bucket + ":" + majorParameter;
        }

        var remaining = Header(headers, "X-RateLimit-Remaining");
        var resetAfter = Header(headers, "X-RateLimit-Reset-After");
        if (int.TryParse(remaining, NumberStyles.Integer, CultureInfo.InvariantCulture, out var left)
            && double.TryParse(resetAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            var state = StateFor(routeKey);
            lock (state)
            {
                // Reset-After is relative, so it needs no agreement between our clock and Discord's.
                state.Remaining = left;
                state.ResetAt = time.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(0, seconds));
            }
        }
    }

    /// <summary>Pauses the route's bucket, or everything on a global 429, for retry_after.</summary>
    internal void Pause(string routeKey, TimeSpan retryAfter, bool global)
    {
        var until = time.GetUtcNow() + retryAfter;
        if (global)
        {
            lock (_lock)
            {
                _globalPausedUntil = until > _globalPausedUntil ? until : _globalPausedUntil;
            }

            return;
        }

        var state = StateFor(routeKey);
        lock (state)
        {
            state.Remaining = 0;
            state.ResetAt = until > state.ResetAt ? until : state.ResetAt;
        }
    }

    /// <summary>Counts a 401, 403 or 429 (except shared-scope 429s) toward the invalid-request limit.</summary>
    internal void RecordInvalid(bool botTokenRejected)
    {
        lock (_lock)
        {
            _invalidResponses.Enqueue(time.GetUtcNow());
        }

        if (botTokenRejected)
        {
            _botTokenRejected = true;
        }
    }

    /// <summary>
    /// Remembers a channel that answered 403 or 404 for the invalid-request window, so that a broadcast
    /// or a retried job stops hitting it even before its subscription change is seen.
    /// </summary>
    internal void RememberRefusingChannel(string channelId) => _refusingChannels[channelId] = time.GetUtcNow() + InvalidRequestWindow;

    internal bool IsRefusingChannel(string channelId)
    {
        if (!_refusingChannels.TryGetValue(channelId, out var until))
        {
            return false;
        }

        if (time.GetUtcNow() < until)
        {
            return true;
        }

        _refusingChannels.TryRemove(channelId, out _);
        return false;
    }

    private BucketState StateFor(string routeKey) =>
        _buckets.GetOrAdd(_bucketByRoute.TryGetValue(routeKey, out var bucket) ? bucket : routeKey, _ => new BucketState());

    // Interaction tokens make a new route per interaction; forget the ones whose limits have passed.
    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (key, state) in _buckets)
        {
            if (state.ResetAt < now)
            {
                _buckets.TryRemove(key, out _);
            }
        }

        foreach (var (key, gate) in _routeGates)
        {
            if (gate.CurrentCount == 1 && key.Contains("webhooks/", StringComparison.Ordinal))
            {
                _routeGates.TryRemove(key, out _);
                _bucketByRoute.TryRemove(key, out _);
            }
        }
    }

    private static void DropOlderThan(Queue<DateTimeOffset> queue, DateTimeOffset cutoff)
    {
        while (queue.Count > 0 && queue.Peek() <= cutoff)
        {
            queue.Dequeue();
        }
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private sealed class BucketState
    {
        public int Remaining { get; set; } = 1;
        public DateTimeOffset ResetAt { get; set; } = DateTimeOffset.MinValue;
    }
}
