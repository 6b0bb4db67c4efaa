using System.Collections.Concurrent;
using CryptoDigest.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Briefs;

/// <summary>
/// Records sent parts in the outbox with group commit: every record that arrives while one write is
/// under way goes into the next write, one statement for all of them. Each caller still waits for its
/// own record before it sends the next part or lets go of the chat, so the rule "a part is recorded
/// before anything else happens" holds exactly as with one write per part, and a crash can repeat only
/// parts whose senders were still waiting (the in-flight bound). What changes is the number of round
/// trips in a broadcast: one per write instead of one per message.
/// </summary>
internal sealed class SentPartRecorder(IServiceScopeFactory scopes, TimeProvider time)
{
    // Large enough that a busy broadcast shares a round trip; small enough to keep one statement short.
    private const int MaxPerWrite = 512;

    private readonly ConcurrentQueue<SentPart> _queue = new();
    private int _writing;

    /// <summary>Records a sent part while the claim is still <see cref="SentPart.ClaimedBy"/>'s; false when it was taken over.</summary>
    public Task<bool> RecordAsync(SentPart part, CancellationToken cancellationToken)
    {
        _queue.Enqueue(part);
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }

        // The write itself is not cancelled with the caller: a part that reached the chat is a fact to keep.
        return part.Recorded.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            while (!_queue.IsEmpty)
            {
                var batch = new List<SentPart>();
                while (batch.Count < MaxPerWrite && _queue.TryDequeue(out var part))
                {
                    batch.Add(part);
                }

                try
                {
                    var recorded = await WriteAsync(batch);
                    foreach (var part in batch)
                    {
                        part.Recorded.TrySetResult(recorded.Contains(part.DeliveryId));
                    }
                }
                catch (Exception ex)
                {
                    foreach (var part in batch)
                    {
                        part.Recorded.TrySetException(ex);
                    }
                }
            }

            Volatile.Write(ref _writing, 0);
            // A record enqueued after the queue looked empty but before the flag dropped would be stranded: look again.
            if (_queue.IsEmpty || Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private async Task<IReadOnlySet<long>> WriteAsync(IReadOnlyList<SentPart> parts)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var now = time.GetUtcNow();
        return await scope.ServiceProvider.GetRequiredService<DatabaseDialect>().RecordSentPartsAsync(db, parts, now);
    }
}

/// <summary>One sent part to record: the delivery's progress after it, and whose claim it was sent under.</summary>
internal sealed record SentPart(long DeliveryId, string ClaimedBy, long EditionId, int SentParts, string MessageIds, bool Last)
    : SentPartRecord(DeliveryId, ClaimedBy, EditionId, SentParts, MessageIds, Last)
{
    public TaskCompletionSource<bool> Recorded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
