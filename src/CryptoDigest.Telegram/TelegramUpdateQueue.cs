using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;

namespace CryptoDigest.Telegram;

/// <summary>
/// The bounded queue between receiving updates (webhook or polling) and processing them, with the
/// guard that makes each update_id processed once: Telegram re-sends a webhook update after any
/// non-2xx answer or timeout, and a restarted poller can be handed an unconfirmed batch again.
/// Room is counted apart from the items: the webhook takes a place before it claims an update in the
/// ledger, so a full queue costs no database work, and a post that finds it full waits a moment for room
/// instead of being refused at once (docs/telegram.md, "Queue and workers"). A place is given back when a
/// worker takes the update out.
/// </summary>
internal sealed class TelegramUpdateQueue : IDisposable
{
    private const int RememberedIds = 10_000;
    private readonly Channel<Update> _channel = Channel.CreateUnbounded<Update>();
    private readonly SemaphoreSlim _room;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly HashSet<int> _seen = [];
    private readonly Queue<int> _order = new();
    private readonly SortedSet<int> _unfinished = [];
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting;

    public TelegramUpdateQueue(IOptions<TelegramOptions> options, TimeProvider time)
    {
        _room = new SemaphoreSlim(options.Value.QueueCapacity, options.Value.QueueCapacity);
        _time = time;
    }

    /// <summary>
    /// For the webhook: a place in the queue, waiting up to <paramref name="wait"/> for one; false when the queue
    /// stayed full. A place taken must be filled (<see cref="EnqueueReserved"/>) or given back (<see cref="CancelReservation"/>).
    /// </summary>
    public async ValueTask<bool> ReserveAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (_room.Wait(0))
        {
            return true;
        }

        if (wait <= TimeSpan.Zero)
        {
            return false;
        }

        using var timeout = new CancellationTokenSource(wait, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        Interlocked.Increment(ref _waiting);
        try
        {
            await _room.WaitAsync(linked.Token);
            return true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>How many webhook posts are waiting for room now.</summary>
    internal int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Gives back a place taken by <see cref="ReserveAsync"/> and not filled.</summary>
    public void CancelReservation() => _room.Release();

    /// <summary>Fills a place taken by <see cref="ReserveAsync"/>; a duplicate is not queued and its place is given back.</summary>
    public EnqueueResult EnqueueReserved(Update update)
    {
        if (!MarkSeen(update.Id))
        {
            _room.Release();
            return EnqueueResult.Duplicate;
        }

        // Unbounded: the place taken is the bound.
        _channel.Writer.TryWrite(update);
        return EnqueueResult.Accepted;
    }

    /// <summary>Never waits: a full queue is reported (the recovery pass takes the update again at its next pass).</summary>
    public EnqueueResult TryEnqueue(Update update) => _room.Wait(0) ? EnqueueReserved(update) : EnqueueResult.Full;

    /// <summary>The queued updates as the workers take them; each one taken gives its place back.</summary>
    public async IAsyncEnumerable<Update> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in _channel.Reader.ReadAllAsync(cancellationToken))
        {
            _room.Release();
            yield return update;
        }
    }

    /// <summary>Takes a queued update without waiting (the drain at shutdown).</summary>
    public bool TryRead([NotNullWhen(true)] out Update? update)
    {
        if (!_channel.Reader.TryRead(out update))
        {
            return false;
        }

        _room.Release();
        return true;
    }

    public void Dispose() => _room.Dispose();

    /// <summary>
    /// For polling: waits for room, which slows polling down instead of dropping updates. The update
    /// counts as unfinished until <see cref="Finish"/>; false when it was already seen.
    /// </summary>
    public async ValueTask<bool> EnqueueAsync(Update update, CancellationToken cancellationToken)
    {
        if (!MarkSeen(update.Id))
        {
            return false;
        }

        lock (_lock)
        {
            _unfinished.Add(update.Id);
        }

        await _room.WaitAsync(cancellationToken);
        _channel.Writer.TryWrite(update);
        return true;
    }

    /// <summary>
    /// The oldest polled update not yet processed, or null. The poller's offset never passes it, so
    /// Telegram keeps it (and re-sends it to a restarted poller) until it has been handled.
    /// </summary>
    public int? OldestUnfinished
    {
        get
        {
            lock (_lock)
            {
                return _unfinished.Count == 0 ? null : _unfinished.Min;
            }
        }
    }

    /// <summary>Marks an update handled (answered, failed for good, or abandoned at shutdown).</summary>
    public void Finish(int updateId)
    {
        TaskCompletionSource progress;
        lock (_lock)
        {
            if (!_unfinished.Remove(updateId))
            {
                return;
            }

            progress = _progress;
            _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        progress.TrySetResult();
    }

    /// <summary>
    /// Completes when half of the updates of <paramref name="batch"/> (one poll's answer) that are still
    /// unfinished now have finished (at least one, when any is), or after <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitForHalfAsync(IReadOnlyList<int> batch, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + timeout;
        int? target = null;
        while (true)
        {
            Task progress;
            lock (_lock)
            {
                var unfinished = batch.Count(_unfinished.Contains);
                target ??= unfinished / 2;
                if (unfinished == 0 || unfinished <= target)
                {
                    return;
                }

                progress = _progress.Task;
            }

            var left = until - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            try
            {
                await progress.WaitAsync(left, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Poll again anyway: new updates may be waiting behind the unfinished ones.
                return;
            }
        }
    }

    private bool MarkSeen(int updateId)
    {
        lock (_lock)
        {
            if (!_seen.Add(updateId))
            {
                return false;
            }

            _order.Enqueue(updateId);
            if (_order.Count > RememberedIds)
            {
                _seen.Remove(_order.Dequeue());
            }

            return true;
        }
    }
}
