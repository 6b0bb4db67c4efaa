using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;

namespace CryptoDigest.Telegram;

/// <summary>
/// The bounded queue between receiving updates (webhook or polling) and processing them, with the
/// guard that makes each update_id processed once: Telegram re-sends a webhook update after any
/// non-2xx answer or timeout, and a restarted poller can be handed an unconfirmed batch again.
/// </summary>
internal sealed class TelegramUpdateQueue
{
    private const int RememberedIds = 10_000;
    private readonly Channel<Update> _channel;
    private readonly Lock _lock = new();
    private readonly HashSet<int> _seen = [];
    private readonly Queue<int> _order = new();
    private readonly SortedSet<int> _unfinished = [];
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TelegramUpdateQueue(IOptions<TelegramOptions> options)
    {
        _channel = Channel.CreateBounded<Update>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ChannelReader<Update> Reader => _channel.Reader;

    /// <summary>For the webhook: never waits; a full queue is reported so the caller can ask Telegram to retry.</summary>
    public EnqueueResult TryEnqueue(Update update)
    {
        if (!MarkSeen(update.Id))
        {
            return EnqueueResult.Duplicate;
        }

        if (_channel.Writer.TryWrite(update))
        {
            return EnqueueResult.Accepted;
        }

        // Not taken: Telegram will send it again, and then it must not count as a duplicate.
        Forget(update.Id);
        return EnqueueResult.Full;
    }

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

        await _channel.Writer.WriteAsync(update, cancellationToken);
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

    private void Forget(int updateId)
    {
        lock (_lock)
        {
            _seen.Remove(updateId);
        }
    }
}
