using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace CryptoDigest.IntegrationTests.Infrastructure;

/// <summary>
/// A fake clock that moves only as far as the code under test asks it to wait: <see cref="RunAsync"/> awaits a
/// piece of work and, each time that work starts a one-shot wait (Task.Delay on this clock), advances the clock by
/// exactly that wait. Periodic timers (lease renewals) are not waits of their own and never move the clock.
/// </summary>
public sealed class OneShotTimerClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (period == Timeout.InfiniteTimeSpan && dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            _waits.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>Awaits <paramref name="work"/>, passing every wait it starts at once; fails after 60 s of real time.</summary>
    public async Task RunAsync(Func<Task> work)
    {
        // Waits started before the work belong to nobody here.
        while (_waits.Reader.TryRead(out _))
        {
        }

        var run = work();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!run.IsCompleted)
        {
            var next = _waits.Reader.WaitToReadAsync(patience.Token).AsTask();
            await Task.WhenAny(run, next);
            patience.Token.ThrowIfCancellationRequested();
            while (_waits.Reader.TryRead(out var wait))
            {
                Advance(wait);
            }
        }

        await run;
    }
}
