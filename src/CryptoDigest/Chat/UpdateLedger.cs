using System.Data.Common;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.Chat;

/// <summary>
/// Takes each incoming update id once across all instances: Telegram re-sends a webhook update
/// after any non-2xx answer or timeout, and behind a load balancer the copy may reach another
/// instance. The unique key (platform, update id) decides; old ids are pruned after a few days.
/// Only the unique key means "already taken": any other database error (busy, locked, unreachable)
/// is thrown, so the update is answered with an error and re-sent, not dropped.
/// Claims are group-committed (docs/hardening.md, "Update ledger"): the claims that arrive while one
/// insert is under way go together in the next, one statement and one round trip for all of them.
/// A webhook claim also stores the update itself until it is answered (<see cref="MarkDoneAsync"/>), so an
/// update acknowledged to Telegram survives a crash: <see cref="TakeOverUnansweredAsync"/> hands it out again.
/// </summary>
public sealed partial class UpdateLedger
{
    private static readonly TimeSpan Keep = TimeSpan.FromDays(3);

    // Enough that a saturated webhook (hundreds of updates a second, a few milliseconds per insert) shares a
    // round trip between everything that queued behind it; small enough to keep one statement short.
    internal const int MaxPerWrite = 256;

    /// <summary>Old ids are pruned on every this many successful claims of this instance.</summary>
    internal const int PruneEvery = 1000;

    // A busy or locked database usually clears within a second: try again before giving up.
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)];

    /// <summary>At most this many unanswered updates are taken over in one recovery pass; the next pass takes the rest.</summary>
    internal const int MaxTakeOver = 100;

    private readonly IServiceScopeFactory _scopes;
    private readonly DatabaseDialect _dialect;
    private readonly TimeProvider _time;
    private readonly ILogger<UpdateLedger> _logger;
    private readonly GroupCommit<Claim, bool> _commit;
    private readonly GroupCommit<UpdateKey, bool> _done;

    private int _claims;

    public UpdateLedger(IServiceScopeFactory scopes, DatabaseDialect dialect, TimeProvider time, ILogger<UpdateLedger> logger)
    {
        _scopes = scopes;
        _dialect = dialect;
        _time = time;
        _logger = logger;
        _commit = new(MaxPerWrite, dialect.ConcurrentLedgerWrites, WriteAsync);
        _done = new(MaxPerWrite, dialect.ConcurrentLedgerWrites, WriteDoneAsync);
    }

    /// <summary>
    /// True when this instance may process the update; false when one already took it (or an earlier claim of
    /// the same id in the same batch did). Any other database error fails every claim of its batch; each is
    /// retried twice and then thrown (nothing is recorded, so a re-sent copy is taken).
    /// </summary>
    public Task<bool> TryClaimAsync(ChatPlatform platform, long updateId, CancellationToken cancellationToken) =>
        TryClaimAsync(platform, updateId, null, cancellationToken);

    /// <summary>
    /// As <see cref="TryClaimAsync(ChatPlatform, long, CancellationToken)"/>, and stores <paramref name="payload"/> (the
    /// raw update) with the claim in the same statement, until <see cref="MarkDoneAsync"/>. The first claim's payload
    /// stays; a duplicate stores nothing.
    /// </summary>
    public async Task<bool> TryClaimAsync(ChatPlatform platform, long updateId, string? payload, CancellationToken cancellationToken)
    {
        var claim = new Claim(new UpdateKey(platform.ToString(), updateId), payload, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var won = await _commit.AddAsync(claim, cancellationToken);
                if (won && Interlocked.Increment(ref _claims) % PruneEvery == 0)
                {
                    // On this caller's own path, not in the batch: the writer's turn is every waiting claim's, so a slow
                    // prune there would hold up every command behind it.
                    await PruneAsync();
                }

                return won;
            }
            catch (DbException) when (attempt < RetryDelays.Length)
            {
                await Task.Delay(RetryDelays[attempt], _time, cancellationToken);
            }
        }
    }

    private async Task<IReadOnlyList<bool>> WriteAsync(IReadOnlyList<Claim> claims)
    {
        var results = new bool[claims.Count];
        // The first claim of an id in the batch is the one sent; a later copy is already taken. A claim whose
        // caller stopped waiting (shutdown) is left out: recorded but never processed, it would make the copy
        // Telegram sends again look taken.
        var first = new Dictionary<UpdateKey, int>(claims.Count);
        for (var i = 0; i < claims.Count; i++)
        {
            if (!claims[i].Cancellation.IsCancellationRequested)
            {
                first.TryAdd(claims[i].Key, i);
            }
        }

        if (first.Count == 0)
        {
            return results;
        }

        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        // One connection, one statement for the batch.
        var keys = first.Keys.ToList();
        var recorded = await _dialect.ClaimUpdatesAsync(db, keys, [.. keys.Select(k => claims[first[k]].Payload)], _time.GetUtcNow());
        foreach (var (key, index) in first)
        {
            results[index] = recorded.Contains(key);
        }

        return results;
    }

    /// <summary>
    /// Drops the stored update once it is answered or failed outright (not when abandoned at shutdown: then it is taken
    /// over later). Group-committed like claims: one UPDATE for every update finished meanwhile.
    /// </summary>
    public Task MarkDoneAsync(ChatPlatform platform, long updateId, CancellationToken cancellationToken) =>
        _done.AddAsync(new UpdateKey(platform.ToString(), updateId), cancellationToken);

    /// <summary>
    /// The stored updates (raw payloads) of <paramref name="platform"/> claimed before <paramref name="receivedBefore"/>
    /// and never marked done: the instance that acknowledged them stopped before answering. Each is taken with one
    /// conditional UPDATE of its claim time, so of two instances running this at once only one gets it, and it is
    /// not taken again before another full wait. When nothing is pending this is one query on a partial index.
    /// </summary>
    public async Task<IReadOnlyList<string>> TakeOverUnansweredAsync(ChatPlatform platform, DateTimeOffset receivedBefore, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var name = platform.ToString();
        var candidates = await db.ProcessedUpdates.AsNoTracking()
            .Where(u => u.Payload != null && u.ReceivedAt < receivedBefore && u.Platform == name)
            .OrderBy(u => u.ReceivedAt)
            .Take(MaxTakeOver)
            .Select(u => new { u.Id, u.ReceivedAt, u.Payload })
            .ToListAsync(cancellationToken);
        var taken = new List<string>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var now = _time.GetUtcNow();
            var won = await db.ProcessedUpdates
                .Where(u => u.Id == candidate.Id && u.ReceivedAt == candidate.ReceivedAt && u.Payload != null)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.ReceivedAt, now), cancellationToken);
            if (won == 1)
            {
                taken.Add(candidate.Payload!);
            }
        }

        return taken;
    }

    private async Task<IReadOnlyList<bool>> WriteDoneAsync(IReadOnlyList<UpdateKey> keys)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        foreach (var group in keys.GroupBy(k => k.Platform))
        {
            await _dialect.ClearUpdatePayloadsAsync(db, group.Key, [.. group.Select(k => k.UpdateId).Distinct()]);
        }

        return [.. keys.Select(_ => true)];
    }

    private async Task PruneAsync()
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
            // One set-based DELETE on the ReceivedAt index: nothing is read into this process. SQLite
            // compares too, because it stores instants as sortable numbers (see SqliteDigestDbContext).
            var cutoff = _time.GetUtcNow() - Keep;
            await db.ProcessedUpdates.Where(u => u.ReceivedAt < cutoff).ExecuteDeleteAsync(CancellationToken.None);
        }
        catch (DbException ex)
        {
            // The claims are recorded and stand; the next thousand try the prune again.
            LogPruneFailed(_logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning old update ids from the ledger failed; trying again after the next claims")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);

    /// <summary>One caller's claim, with its caller's token: a claim nobody waits for any more is not written.</summary>
    private sealed record Claim(UpdateKey Key, string? Payload, CancellationToken Cancellation);
}
