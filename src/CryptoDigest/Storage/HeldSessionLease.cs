using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Storage;

/// <summary>A <see cref="SessionLease"/> while held; disposing it lets another instance take it.</summary>
public sealed class HeldSessionLease(AsyncServiceScope scope, SessionLock sessionLock, TimeProvider time, TimeSpan checkEvery) : IAsyncDisposable
{
    private DateTimeOffset _nextCheck = time.GetUtcNow() + checkEvery;

    /// <summary>
    /// True while the lock's connection is alive. The database is asked at most every check interval of the lease's
    /// use (none: every time), since a holder that asks between every two pieces of work would otherwise pay a round
    /// trip each time.
    /// </summary>
    public async Task<bool> IsStillHeldAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < _nextCheck)
        {
            return true;
        }

        _nextCheck = now + checkEvery;
        return await sessionLock.IsStillHeldAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await sessionLock.DisposeAsync();
        await scope.DisposeAsync();
    }
}
