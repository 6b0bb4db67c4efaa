using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Chat;

/// <summary>
/// Takes each incoming update id once across all instances: Telegram re-sends a webhook update
/// after any non-2xx answer or timeout, and behind a load balancer the copy may reach another
/// instance. The unique key (platform, update id) decides; old ids are pruned after a few days.
/// </summary>
public sealed class UpdateLedger(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan Keep = TimeSpan.FromDays(3);
    private int _claims;

    /// <summary>True when this instance may process the update; false when one already took it.</summary>
    public async Task<bool> TryClaimAsync(ChatPlatform platform, long updateId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var now = time.GetUtcNow();
        db.ProcessedUpdates.Add(new ProcessedUpdate { Platform = platform.ToString(), UpdateId = updateId, ReceivedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return false;
        }

        if (Interlocked.Increment(ref _claims) % 1000 == 0)
        {
            var cutoff = now - Keep;
            // Compared in memory for SQLite, which stores instants as numbers.
            var old = (await db.ProcessedUpdates.AsNoTracking().Select(u => new { u.Id, u.ReceivedAt }).ToListAsync(cancellationToken))
                .Where(u => u.ReceivedAt < cutoff).Select(u => u.Id).ToList();
            await db.ProcessedUpdates.Where(u => old.Contains(u.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        return true;
    }
}
