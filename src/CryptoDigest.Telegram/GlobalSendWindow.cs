namespace CryptoDigest.Telegram;

/// <summary>
/// The bot-wide pace: at most N sends in any one-second window. A send counts from the moment it starts
/// until a second after it came back, so however the network reorders requests the server never sees
/// more than N in a second. Thread-safe. Waiters queue in arrival order and one timer, set for the moment
/// the oldest completion leaves the window, hands the freed slots to the first of them: a slot frees only
/// as time passes (a completion moves a send from in flight to the last second, it frees nothing), so
/// waking every waiter on every completion would only make a thousand waiters look and wait again, a
/// thousand times a second (docs/telegram.md, Pacing).
/// </summary>
internal sealed class GlobalSendWindow : IDisposable
{
    // A send holds its slot from the moment it starts until a second after it came back; the server saw it
    // somewhere in between, so any second of the server's holds at most perSecond of them without a margin.
    // What is left is clock granularity (a few milliseconds), not the per-chat margin: at 1,000 messages a
    // second, every 10 ms of slack costs 1 % of the broadcast rate.
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MinTimerWait = TimeSpan.FromMilliseconds(1);
    private readonly int _perSecond;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Queue<DateTimeOffset> _completed = new();
    private readonly Queue<Waiter> _waiters = new();
    private readonly ITimer _timer;
    private int _inFlight;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _timerDue = DateTimeOffset.MaxValue;

    public GlobalSendWindow(int perSecond, TimeProvider time)
    {
        _perSecond = perSecond;
        _time = time;
        _timer = time.CreateTimer(static state => ((GlobalSendWindow)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Waits for a slot; dispose the slot when the request has come back.</summary>
    public Task<SendSlot> AcquireAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<SendSlot>(cancellationToken);
        }

        Waiter waiter;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            Prune(now);
            // Only when nobody is queued: a newcomer must not overtake senders that have waited longer.
            if (_waiters.Count == 0 && now >= _pausedUntil && _inFlight + _completed.Count < _perSecond)
            {
                _inFlight++;
                return Task.FromResult(new SendSlot(this));
            }

            waiter = new Waiter(this);
            _waiters.Enqueue(waiter);
            ScheduleLocked(now);
        }

        return cancellationToken.CanBeCanceled ? WaitAsync(waiter, cancellationToken) : waiter.Task;
    }

    // The registration lives exactly as long as the wait: a broadcast's token outlives a hundred thousand waits.
    private static async Task<SendSlot> WaitAsync(Waiter waiter, CancellationToken cancellationToken)
    {
        using (cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).Cancel(token), waiter))
        {
            return await waiter.Task;
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

    public void Dispose() => _timer.Dispose();

    private void Release()
    {
        lock (_lock)
        {
            _inFlight--;
            var now = _time.GetUtcNow();
            _completed.Enqueue(now);
            // A completion frees nothing now; it makes sure the timer is set for when the window moves on.
            ScheduleLocked(now);
        }
    }

    private void OnTimer()
    {
        List<Waiter>? granted = null;
        lock (_lock)
        {
            _timerDue = DateTimeOffset.MaxValue;
            var now = _time.GetUtcNow();
            Prune(now);
            while (now >= _pausedUntil && _inFlight + _completed.Count < _perSecond && _waiters.TryDequeue(out var waiter))
            {
                // A waiter cancelled meanwhile is skipped; its state changes only under this lock.
                if (waiter.TryGrantLocked())
                {
                    _inFlight++;
                    (granted ??= []).Add(waiter);
                }
            }

            ScheduleLocked(now);
        }

        // Completed outside the lock; continuations run on the thread pool (RunContinuationsAsynchronously).
        foreach (var waiter in granted ?? [])
        {
            waiter.Complete(new SendSlot(this));
        }
    }

    private void Prune(DateTimeOffset now)
    {
        while (_completed.Count > 0 && _completed.Peek() + Second <= now)
        {
            _completed.Dequeue();
        }
    }

    // Sets the timer for the next moment a waiter could get a slot: the pause's end, or the oldest completion
    // leaving the window. With every slot in flight and none completed, a completion will call this again.
    private void ScheduleLocked(DateTimeOffset now)
    {
        if (_waiters.Count == 0)
        {
            return;
        }

        DateTimeOffset due;
        if (now < _pausedUntil)
        {
            due = _pausedUntil;
        }
        else if (_inFlight + _completed.Count < _perSecond)
        {
            due = now;
        }
        else if (_completed.Count > 0)
        {
            due = _completed.Peek() + Second;
        }
        else
        {
            return;
        }

        if (due >= _timerDue)
        {
            return;
        }

        _timerDue = due;
        // At least a millisecond: never a callback run inline under this lock, and the timer's own resolution anyway.
        var wait = due - now;
        _timer.Change(wait > MinTimerWait ? wait : MinTimerWait, Timeout.InfiniteTimeSpan);
    }

    /// <summary>One send's place in the window.</summary>
    public sealed class SendSlot(GlobalSendWindow window) : IDisposable
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

    private sealed class Waiter(GlobalSendWindow window)
    {
        private readonly TaskCompletionSource<SendSlot> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _settled;

        public Task<SendSlot> Task => _result.Task;

        public bool TryGrantLocked()
        {
            if (_settled)
            {
                return false;
            }

            _settled = true;
            return true;
        }

        public void Complete(SendSlot slot) => _result.TrySetResult(slot);

        public void Cancel(CancellationToken token)
        {
            lock (window._lock)
            {
                if (_settled)
                {
                    return;
                }

                // Left in the queue: the timer skips it when it comes to the front.
                _settled = true;
            }

            _result.TrySetCanceled(token);
        }
    }
}
