using System.Collections.Concurrent;

namespace CryptoDigest.Storage;

/// <summary>
/// Group commit: callers add items one at a time, and one writer at a time takes everything that has
/// arrived (up to a cap) into one write, one round trip for all of them. There is no timer: under light
/// load an item is written at once, alone, with no added wait; under load the items that arrive while a
/// write is under way queue behind it and go together in the next. Each caller gets its own item's result,
/// or the exception of the write its item was in (a failed write fails only its own items).
/// </summary>
internal sealed class GroupCommit<TItem, TResult>(int maxPerWrite, Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> writeAsync)
{
    private readonly ConcurrentQueue<Pending> _queue = new();
    private int _writing;

    /// <summary>
    /// Queues the item for the next write and waits for its result. Cancelling ends the caller's wait, not
    /// the write: an item already taken into a write is written (the write may leave it out, see its items).
    /// </summary>
    public Task<TResult> AddAsync(TItem item, CancellationToken cancellationToken)
    {
        var pending = new Pending(item);
        _queue.Enqueue(pending);
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }

        return pending.Result.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            while (!_queue.IsEmpty)
            {
                var batch = new List<Pending>(Math.Min(_queue.Count, maxPerWrite));
                while (batch.Count < maxPerWrite && _queue.TryDequeue(out var pending))
                {
                    batch.Add(pending);
                }

                try
                {
                    var results = await writeAsync(batch.ConvertAll(p => p.Item));
                    if (results.Count != batch.Count)
                    {
                        throw new InvalidOperationException($"A group write returned {results.Count} results for {batch.Count} items.");
                    }

                    for (var i = 0; i < batch.Count; i++)
                    {
                        batch[i].Result.TrySetResult(results[i]);
                    }
                }
                catch (Exception ex)
                {
                    foreach (var pending in batch)
                    {
                        pending.Result.TrySetException(ex);
                    }
                }
            }

            Volatile.Write(ref _writing, 0);
            // An item enqueued after the queue looked empty but before the flag dropped would be stranded: look again.
            if (_queue.IsEmpty || Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private sealed class Pending(TItem item)
    {
        public TItem Item => item;

        // Continuations run on the pool, so a caller's follow-up work never holds up the writer.
        public TaskCompletionSource<TResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
