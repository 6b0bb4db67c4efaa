namespace CryptoDigest.Telegram;

/// <summary>
/// Slack added to every pacing window: timers can fire a millisecond or two early against the wall
/// clock, and a server's clock starts its own measurement at a slightly different point.
/// </summary>
internal static class SendMargin
{
    public static readonly TimeSpan Value = TimeSpan.FromMilliseconds(50);
}

/// <summary>
/// The pace of one chat (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this):
/// at most one message per interval, and for groups and channels at most N per minute. Times are those
/// at which earlier sends came back, which the server necessarily saw before, so the gaps it measures
/// are never shorter than ours. Not thread-safe: the sender serialises each chat's sends.
/// </summary>
internal sealed class ChatSendWindow(TimeSpan interval, int? perMinute)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1) + SendMargin.Value;
    private readonly Queue<DateTimeOffset> _sent = new();

    public DateTimeOffset LastSent { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>How long to wait, from now, before the next message may go.</summary>
    public TimeSpan WaitBefore(DateTimeOffset now)
    {
        if (_sent.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var wait = LastSent + interval + SendMargin.Value - now;
        if (perMinute is { } limit && _sent.Count >= limit)
        {
            var minuteWait = _sent.ElementAt(_sent.Count - limit) + Minute - now;
            wait = minuteWait > wait ? minuteWait : wait;
        }

        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>Counts a send that came back (accepted or not: the server saw it).</summary>
    public void Record(DateTimeOffset completedAt)
    {
        LastSent = completedAt;
        _sent.Enqueue(completedAt);
        while (_sent.Count > Math.Max(perMinute ?? 1, 1))
        {
            _sent.Dequeue();
        }
    }
}

/// <summary>
/// The bot-wide pace: at most N sends in any one-second window. A send counts from the moment it starts
/// until a second after it came back, so however the network reorders requests the server never sees
/// more than N in a second. Thread-safe; waiters are woken by completions or by the window moving on.
/// </summary>
internal sealed class GlobalSendWindow(int perSecond, TimeProvider time)
{
    // A send holds its slot from the moment it starts until a second after it came back; the server saw it
    // somewhere in between, so any second of the server's holds at most perSecond of them without a margin.
    // What is left is clock granularity (a few milliseconds), not the per-chat margin: at 1,000 messages a
    // second, every 10 ms of slack costs 1 % of the broadcast rate.
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(10);
    private readonly Lock _lock = new();
    private readonly Queue<DateTimeOffset> _completed = new();
    private int _inFlight;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waits for a slot; dispose the lease when the request has come back.</summary>
    public async Task<Lease> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            Task changed;
            lock (_lock)
            {
                var now = time.GetUtcNow();
                while (_completed.Count > 0 && _completed.Peek() + Second <= now)
                {
                    _completed.Dequeue();
                }

                if (now < _pausedUntil)
                {
                    wait = _pausedUntil - now;
                }
                else if (_inFlight + _completed.Count < perSecond)
                {
                    _inFlight++;
                    return new Lease(this);
                }
                else
                {
                    wait = _completed.Count > 0 ? _completed.Peek() + Second - now : Timeout.InfiniteTimeSpan;
                }

                changed = _changed.Task;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(changed, Task.Delay(wait, time, stop.Token));
            await stop.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Holds every send until <paramref name="until"/>: Telegram is flood-limiting the bot as a whole.</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_lock)
        {
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    private void Release()
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _inFlight--;
            _completed.Enqueue(time.GetUtcNow());
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>One send's place in the window.</summary>
    public sealed class Lease(GlobalSendWindow window) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                window.Release();
            }
        }
    }
}

/// <summary>
/// Tells a chat's 429 from the bot's. A 429 in one chat is that chat's limit (one message a second,
/// 20 a minute in groups) and must not stall the others; 429s from two chats within a second mean the
/// limit is the bot-wide one, and retry_after then holds for the whole bot, not one chat
/// (docs/telegram.md, "Answers and errors"), so every send waits.
/// </summary>
internal sealed class FloodSignal
{
    private static readonly TimeSpan Span = TimeSpan.FromSeconds(1);
    private readonly Lock _lock = new();
    private readonly Queue<(long ChatId, DateTimeOffset At)> _recent = new();

    /// <summary>Counts a 429 in <paramref name="chatId"/>; true when it makes the flood bot-wide.</summary>
    public bool IsBotWide(long chatId, DateTimeOffset now)
    {
        lock (_lock)
        {
            while (_recent.Count > 0 && _recent.Peek().At + Span < now)
            {
                _recent.Dequeue();
            }

            _recent.Enqueue((chatId, now));
            return _recent.Any(r => r.ChatId != chatId);
        }
    }
}
