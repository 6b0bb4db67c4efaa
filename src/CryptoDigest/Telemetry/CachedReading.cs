namespace CryptoDigest.Telemetry;

/// <summary>
/// A figure that costs a database query, read at most once per <see cref="MaxAge"/> however often metrics are
/// scraped: a scrape gets the last value at once and, when it is older than that, starts one refresh in the
/// background. Only the first scrape waits (briefly) for a value. Nothing is queried while nobody scrapes.
/// </summary>
public sealed class CachedReading<T>(Func<CancellationToken, Task<T>> readAsync, TimeProvider time)
    where T : struct
{
    /// <summary>How old a value may be before a scrape refreshes it.</summary>
#pragma warning disable CA1000 // The one interval for every kind of figure.
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(15);
#pragma warning restore CA1000

    private static readonly TimeSpan FirstReadWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private T? _value;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private Task? _refresh;

    /// <summary>The last value read, refreshing it in the background when stale; null until one was read.</summary>
    public T? Read()
    {
        Task? refresh;
        lock (_lock)
        {
            if (time.GetUtcNow() - _readAt >= MaxAge && _refresh is null)
            {
                _refresh = Task.Run(RefreshAsync);
            }

            refresh = _value is null ? _refresh : null;
        }

        refresh?.Wait(FirstReadWait);
        lock (_lock)
        {
            return _value;
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(ReadTimeout);
            var value = await readAsync(timeout.Token);
            lock (_lock)
            {
                _value = value;
            }
        }
#pragma warning disable CA1031 // A failed read keeps the last value; the readiness check reports the database.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            lock (_lock)
            {
                // A failure waits MaxAge too, so a database that is away is not asked on every scrape.
                _readAt = time.GetUtcNow();
                _refresh = null;
            }
        }
    }
}
