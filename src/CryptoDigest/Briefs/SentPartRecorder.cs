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
internal sealed class SentPartRecorder
{
    // Large enough that a busy broadcast shares a round trip; small enough to keep one statement short.
    private const int MaxPerWrite = 512;

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly GroupCommit<SentPartRecord, bool> _commit;

    public SentPartRecorder(IServiceScopeFactory scopes, TimeProvider time)
    {
        _scopes = scopes;
        _time = time;
        // One write at a time, as the outbox has always been recorded.
        _commit = new(MaxPerWrite, maxWrites: 1, WriteAsync);
    }

    /// <summary>
    /// Records a sent part while the claim is still <see cref="SentPartRecord.ClaimedBy"/>'s; false when it was taken over.
    /// Cancelling ends only the caller's wait, never the write: a part that reached the chat is a fact to keep.
    /// </summary>
    public Task<bool> RecordAsync(SentPartRecord part, CancellationToken cancellationToken) => _commit.AddAsync(part, cancellationToken);

    private async Task<IReadOnlyList<bool>> WriteAsync(IReadOnlyList<SentPartRecord> parts)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var now = _time.GetUtcNow();
        var recorded = await scope.ServiceProvider.GetRequiredService<DatabaseDialect>().RecordSentPartsAsync(db, parts, now);
        return parts.Select(p => recorded.Contains(p.DeliveryId)).ToArray();
    }
}
