using System.Collections.Concurrent;

namespace CryptoDigest.Storage;

/// <summary>
/// Group commit: callers add items one at a time, and one writer at a time takes everything that has
/// arrived (up to a cap) into one write, one round trip for all of them. There is no timer: under light
/// load an item is written at once, alone, with no added wait; under load the items that arrive while a
/// write is under way queue behind it and go together in the next. Each caller gets its own item's result,
/// or the exception of the write its item was in (a failed write fails only its own items).
/// Up to <c>maxWrites</c> writes may be under way at once: with one, a write that stalls (a database process
/// waiting for a busy CPU) holds up every item behind it; with a few, the others carry on meanwhile.
/// </summary>
internal sealed class GroupCommit<TItem, TResult>(int maxPerWrite, int maxWrites, Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> writeAsync)
{
    private readonly ConcurrentQueue<Pending> _queue = new();
    private int _writes;

    /// <summary>
    /// Queues the item for the next write and waits for its result. Cancelling ends the caller's wait, not
    /// the write: an item already taken into a write is written (the write may leave it out, see its items),
    /// and a caller that is writing a batch itself waits for that write.
    /// </summary>
    public async Task<TResult> AddAsync(TItem item, CancellationToken cancellationToken)
    {
        var pending = new Pending(item);
        _queue.Enqueue(pending);
        if (TryStartWrite())
        {
            // A write may start: this caller writes the next batch itself (its own item is in it), with no hop
            // to another thread, so a lone item costs just its round trip. What queues meanwhile goes on a pool thread.
            await WriteNextBatchAsync();
            if (!ReleaseUnlessQueued())
            {
                _ = Task.Run(DrainAsync, CancellationToken.None);
            }
        }

        return await pending.Result.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync()
    {
        do
        {
            while (!_queue.IsEmpty)
            {
                await WriteNextBatchAsync();
            }
        }
        while (!ReleaseUnlessQueued());
    }

    private bool TryStartWrite()
    {
        while (true)
        {
            var writes = Volatile.Read(ref _writes);
            if (writes >= maxWrites)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _writes, writes + 1, writes) == writes)
            {
                return true;
            }
        }
    }

    /// <summary>Ends this writer's turn; false when items are queued and this writer has a turn again.</summary>
    private bool ReleaseUnlessQueued()
    {
        if (!_queue.IsEmpty)
        {
            return false;
        }

        Interlocked.Decrement(ref _writes);
        // An item enqueued after the queue looked empty but before this turn ended, whose caller found every turn
        // taken, would be stranded: look again.
        return _queue.IsEmpty || !TryStartWrite();
    }

    private async Task WriteNextBatchAsync()
    {
        var batch = new List<Pending>(Math.Min(_queue.Count, maxPerWrite));
        while (batch.Count < maxPerWrite && _queue.TryDequeue(out var pending))
        {
            batch.Add(pending);
        }

        if (batch.Count == 0)
        {
            return;
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

    private sealed class Pending(TItem item)
    {
        public TItem Item => item;

        // Continuations run on the pool, so a caller's follow-up work never holds up the writer.
        public TaskCompletionSource<TResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
