using Microsoft.Extensions.Time.Testing;

namespace CryptoDigest.IntegrationTests.Infrastructure;

/// <summary>
/// A fake clock that tells when code starts waiting on it (a timer with a given due time), so a
/// test advances time only once the wait it means to pass has begun.
/// </summary>
public sealed class TimerWatchingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly List<(TimeSpan DueTime, TaskCompletionSource Started)> watchers = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (watchers)
        {
            foreach (var watcher in watchers.Where(w => w.DueTime == dueTime).ToArray())
            {
                watcher.Started.TrySetResult();
                watchers.Remove(watcher);
            }
        }

        return timer;
    }

    /// <summary>Completes when a timer of exactly this due time is created from now on; fails after 30 s.</summary>
    public Task WaitStartedAsync(TimeSpan dueTime, Action? thenDo = null)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (watchers)
        {
            watchers.Add((dueTime, started));
        }

        thenDo?.Invoke();
        return started.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
