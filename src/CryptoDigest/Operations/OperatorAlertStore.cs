using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Operations;

/// <summary>
/// The alert states in the database, shared by every instance. Each announcement is claimed with one conditional
/// update (or the insert of the condition's first row), so of two instances or a restarted one only the claimer
/// sends: an alert is never repeated within the day, and a clearing is said once.
/// </summary>
public sealed class OperatorAlertStore(IServiceScopeFactory scopes)
{
    public async Task<IReadOnlyDictionary<string, OperatorAlert>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        return await db.OperatorAlerts.AsNoTracking().ToDictionaryAsync(a => a.Condition, cancellationToken);
    }

    /// <summary>Claims the day's announcement of <paramref name="condition"/>; false when it was announced today already (by anyone).</summary>
    public async Task<bool> TryRaiseAsync(AlertCondition condition, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var title = condition.Title.Length <= 400 ? condition.Title : condition.Title[..400];
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var claimed = await db.OperatorAlerts
            .Where(a => a.Condition == condition.Key && (a.AnnouncedOn == null || a.AnnouncedOn != today))
            .ExecuteUpdateAsync(
                u => u.SetProperty(a => a.Raised, true)
                    .SetProperty(a => a.AnnouncedOn, today)
                    .SetProperty(a => a.RaisedAt, now)
                    .SetProperty(a => a.Title, title),
                cancellationToken);
        if (claimed == 1)
        {
            return true;
        }

        if (await db.OperatorAlerts.AnyAsync(a => a.Condition == condition.Key, cancellationToken))
        {
            return false;
        }

        db.OperatorAlerts.Add(new OperatorAlert { Condition = condition.Key, Title = title, Raised = true, AnnouncedOn = today, RaisedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance inserted the condition's first row a moment ago: its announcement stands.
            return false;
        }
    }

    /// <summary>Claims the clearing of a raised condition; false when it is not raised (any more).</summary>
    public async Task<bool> TryClearAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        return await db.OperatorAlerts
            .Where(a => a.Condition == key && a.Raised)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Raised, false).SetProperty(a => a.ClearedAt, now), cancellationToken) == 1;
    }

    /// <summary>Gives a claim back when its message could not be sent, so the next run tries again.</summary>
    public async Task RestoreAsync(OperatorAlert? before, string key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        if (before is null)
        {
            await db.OperatorAlerts.Where(a => a.Condition == key).ExecuteDeleteAsync(cancellationToken);
            return;
        }

        await db.OperatorAlerts
            .Where(a => a.Condition == key)
            .ExecuteUpdateAsync(
                u => u.SetProperty(a => a.Raised, before.Raised)
                    .SetProperty(a => a.AnnouncedOn, before.AnnouncedOn)
                    .SetProperty(a => a.RaisedAt, before.RaisedAt)
                    .SetProperty(a => a.ClearedAt, before.ClearedAt),
                cancellationToken);
    }
}
