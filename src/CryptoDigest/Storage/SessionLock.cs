namespace CryptoDigest.Storage;

/// <summary>A held session lock (<see cref="DatabaseDialect.TryTakeSessionLockAsync"/>); disposing it releases the lock.</summary>
public abstract class SessionLock : IAsyncDisposable
{
    /// <summary>True while the lock's connection is alive (the lock lives as long as it does).</summary>
    public abstract Task<bool> IsStillHeldAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}
