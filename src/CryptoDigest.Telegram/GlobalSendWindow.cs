namespace CryptoDigest.Telegram;

/// <summary>
/// The bot-wide pace: at most N sends in any one-second window of the server's, and no more sends in flight than
/// the server needs. The server counts a send somewhere in its round trip, so a send holds its slot from the moment
/// it starts until a second after it came back, less the part of the round trip every send shares
/// (<see cref="RoundTripCredit"/>): whichever part of a round trip the server counts in, the next send's count then
/// falls a second after it (docs/telegram.md, Pacing). After a bot-wide 429 that credit is withdrawn for a while.
/// Sends in flight are capped at about rate × twice the shortest recent
/// round trip (<see cref="RoundTripFloor"/>), or × the median one when that is longer (a busy client), plus headroom:
/// more would only queue at the server and lengthen every round trip, and with it every hold. Thread-safe. Waiters queue in arrival order; one timer, set for the moment
/// the oldest hold ends, and each return (which may free a place in flight) hand freed slots to the first of them
/// (docs/telegram.md, Pacing).
/// </summary>
internal sealed class GlobalSendWindow : IDisposable
{
    // What is left beyond a second is clock granularity (a few milliseconds), not a margin: at 1,000 messages a
    // second, every 10 ms of slack costs 1 % of the broadcast rate.
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MinTimerWait = TimeSpan.FromMilliseconds(1);

    // In flight before any round trip is known, and the headroom above rate × round trip afterwards: enough for a
    // client on a busy machine whose round trips vary by tens of milliseconds around the floor.
    internal const int MinInFlight = 32;
    private const long RoundTripsOfHeadroom = 2;

    // How long a bot-wide 429 withdraws the credit: the server counted differently from what the floor implied.
    internal static readonly TimeSpan NoCreditAfterFlood = TimeSpan.FromMinutes(10);

    private readonly int _perSecond;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Queue<DateTimeOffset> _holdsEnd = new();
    private readonly Queue<Waiter> _waiters = new();
    private readonly RoundTripFloor _floor = new();
    private readonly RoundTripCredit _credit = new();
    private readonly ITimer _timer;
    private int _inFlight;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _noCreditUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _timerDue = DateTimeOffset.MaxValue;

    public GlobalSendWindow(int perSecond, TimeProvider time)
    {
        _perSecond = perSecond;
        _time = time;
        _timer = time.CreateTimer(static state => ((GlobalSendWindow)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>How many sends may be in flight now: rate × (the round-trip floor × 2, or the median round trip when longer), plus <see cref="MinInFlight"/>, at most the rate.</summary>
    public int InFlightLimit
    {
        get
        {
            lock (_lock)
            {
                return InFlightLimitLocked(_time.GetUtcNow());
            }
        }
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
            if (_waiters.Count == 0 && HasRoomLocked(now))
            {
                _inFlight++;
                return Task.FromResult(new SendSlot(this, now));
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

            _noCreditUntil = _time.GetUtcNow() + NoCreditAfterFlood;
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Release(DateTimeOffset started)
    {
        List<Waiter>? granted;
        lock (_lock)
        {
            _inFlight--;
            var now = _time.GetUtcNow();
            _floor.Record(now - started, now);
            _credit.Record(now - started);
            // The server counted it somewhere between its start and now. The next send's way to that point is at least
            // the shared part of a round trip, so holding until a second after the return less that part keeps both counts
            // a second apart wherever in the round trip the server counts (docs/telegram.md, Pacing).
            _holdsEnd.Enqueue(now + Second - CreditLocked(now));
            // A return frees no place in the second, but may free one in flight.
            granted = GrantLocked(now);
        }

        CompleteOutsideLock(granted);
    }

    private void OnTimer()
    {
        List<Waiter>? granted;
        lock (_lock)
        {
            _timerDue = DateTimeOffset.MaxValue;
            granted = GrantLocked(_time.GetUtcNow());
        }

        CompleteOutsideLock(granted);
    }

    private List<Waiter>? GrantLocked(DateTimeOffset now)
    {
        List<Waiter>? granted = null;
        Prune(now);
        while (HasRoomLocked(now) && _waiters.TryDequeue(out var waiter))
        {
            // A waiter cancelled meanwhile is skipped; its state changes only under this lock.
            if (waiter.TryGrantLocked())
            {
                _inFlight++;
                (granted ??= []).Add(waiter);
            }
        }

        ScheduleLocked(now);
        return granted;
    }

    // Completed outside the lock; continuations run on the thread pool (RunContinuationsAsynchronously).
    private void CompleteOutsideLock(List<Waiter>? granted)
    {
        foreach (var waiter in granted ?? [])
        {
            waiter.Complete(new SendSlot(this, _time.GetUtcNow()));
        }
    }

    private bool HasRoomLocked(DateTimeOffset now) =>
        now >= _pausedUntil && _inFlight + _holdsEnd.Count < _perSecond && _inFlight < InFlightLimitLocked(now);

    private TimeSpan CreditLocked(DateTimeOffset now) => now < _noCreditUntil ? TimeSpan.Zero : _credit.Value(_floor.Value(now));

    private int InFlightLimitLocked(DateTimeOffset now)
    {
        if (_floor.Value(now) is not { } floor)
        {
            return Math.Min(_perSecond, MinInFlight);
        }

        // Twice the shortest round trip, or what a send takes now when that is longer: a client on a busy machine
        // reads its answers late, and a cap from the floor alone then held a 1,000/s broadcast near half its rate.
        var roundTrip = TimeSpan.FromTicks(Math.Max(floor.Ticks * RoundTripsOfHeadroom, (_credit.Median ?? TimeSpan.Zero).Ticks));
        var needed = (int)Math.Ceiling(_perSecond * roundTrip.TotalSeconds);
        return Math.Min(_perSecond, needed + MinInFlight);
    }

    private void Prune(DateTimeOffset now)
    {
        // Holds end nearly in order (the floor moves slowly); one that ends early behind a later one is kept a
        // little longer, which errs on the safe side.
        while (_holdsEnd.Count > 0 && _holdsEnd.Peek() <= now)
        {
            _holdsEnd.Dequeue();
        }
    }

    // Sets the timer for the next moment a waiter could get a slot: the pause's end, or the oldest hold ending.
    // With every slot in flight (or the in-flight cap reached), a return will call this again.
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
        else if (_inFlight >= InFlightLimitLocked(now))
        {
            return;
        }
        else if (_inFlight + _holdsEnd.Count < _perSecond)
        {
            due = now;
        }
        else if (_holdsEnd.Count > 0)
        {
            due = _holdsEnd.Peek();
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
    public sealed class SendSlot(GlobalSendWindow window, DateTimeOffset started) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                window.Release(started);
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
