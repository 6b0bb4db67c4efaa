using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.Benchmarks;

/// <summary>Counts and times every database command the app runs (EF Core interceptor), by SQL verb.</summary>
public sealed class DbStats : DbCommandInterceptor
{
    private long _selects;
    private long _inserts;
    private long _updates;
    private long _others;
    private long _ticks;

    public DbSnapshot Snapshot() => new(
        Interlocked.Read(ref _selects), Interlocked.Read(ref _inserts), Interlocked.Read(ref _updates), Interlocked.Read(ref _others),
        TimeSpan.FromTicks(Interlocked.Read(ref _ticks)));

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Count(command, eventData);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Count(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Count(command, eventData);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Count(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Count(command, eventData);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Count(command, eventData);
        return ValueTask.FromResult(result);
    }

    private void Count(DbCommand command, CommandExecutedEventData eventData)
    {
        Interlocked.Add(ref _ticks, eventData.Duration.Ticks);
        var text = command.CommandText.AsSpan().TrimStart();
        // A claim is an UPDATE with a sub-select; EF's SaveChanges batches start with the statement itself.
        ref var counter = ref text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) ? ref _selects
            : ref text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) ? ref _inserts
            : ref text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) ? ref _updates
            : ref _others;
        Interlocked.Increment(ref counter);
    }
}

public readonly record struct DbSnapshot(long Selects, long Inserts, long Updates, long Others, TimeSpan Time)
{
    public long Commands => Selects + Inserts + Updates + Others;

    public static DbSnapshot operator -(DbSnapshot a, DbSnapshot b) =>
        new(a.Selects - b.Selects, a.Inserts - b.Inserts, a.Updates - b.Updates, a.Others - b.Others, a.Time - b.Time);
}

/// <summary>How many operations, and how long they took in all and at most.</summary>
public sealed class TimingStats
{
    private long _count;
    private long _ticks;
    private long _maxTicks;
    private long _firstStart;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>The Stopwatch timestamp of the first call started (0: none yet).</summary>
    public long FirstStart => Interlocked.Read(ref _firstStart);

    /// <summary>Notes a call's start; the first one is kept.</summary>
    public long Started()
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.CompareExchange(ref _firstStart, now, 0);
        return now;
    }

    public TimeSpan Total => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public TimeSpan Max => TimeSpan.FromTicks(Interlocked.Read(ref _maxTicks));

    public TimeSpan Mean => Count == 0 ? TimeSpan.Zero : Total / Count;

    public void Add(TimeSpan elapsed)
    {
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _ticks, elapsed.Ticks);
        var ticks = elapsed.Ticks;
        for (var max = Interlocked.Read(ref _maxTicks); ticks > max; max = Interlocked.Read(ref _maxTicks))
        {
            if (Interlocked.CompareExchange(ref _maxTicks, ticks, max) == max)
            {
                break;
            }
        }
    }
}

/// <summary>Times each HTTP round trip of a client (here the Telegram client: the Bot API call alone, no pacing).</summary>
public sealed class TimingHandler(TimingStats stats) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = stats.Started();
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            stats.Add(Stopwatch.GetElapsedTime(started));
        }
    }
}

/// <summary>Counts warnings and errors per logger and event, keeping the first message of each.</summary>
public sealed class CountingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, (int Count, string First)> _counts = new();

    public IReadOnlyDictionary<string, (int Count, string First)> Counts => _counts;

    public void Clear() => _counts.Clear();

    public ILogger CreateLogger(string categoryName) => new Counter(this, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    private sealed class Counter(CountingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var key = $"{logLevel} {category}.{eventId.Name ?? eventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            owner._counts.AddOrUpdate(key, _ => (1, formatter(state, exception)), (_, c) => (c.Count + 1, c.First));
        }
    }
}

/// <summary>Samples the process's working set and managed heap while a run goes, keeping the highest.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public MemorySampler() => _loop = RunAsync();

    public long MaxWorkingSet { get; private set; }

    public long MaxManagedHeap { get; private set; }

    /// <summary>Memory the GC had committed from the OS at its peak: the heap plus what it keeps free to allocate into.</summary>
    public long MaxGcCommitted { get; private set; }

    /// <summary>The working set when sampling started: the process before the phase measured.</summary>
    public long StartWorkingSet { get; } = Environment.WorkingSet;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        Sample();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        try
        {
            do
            {
                Sample();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Sample()
    {
        MaxWorkingSet = Math.Max(MaxWorkingSet, Environment.WorkingSet);
        MaxManagedHeap = Math.Max(MaxManagedHeap, GC.GetTotalMemory(false));
        MaxGcCommitted = Math.Max(MaxGcCommitted, GC.GetGCMemoryInfo().TotalCommittedBytes);
    }
}
