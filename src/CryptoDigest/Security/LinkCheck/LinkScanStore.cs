using System.Collections.Concurrent;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Security.LinkCheck;

/// <summary>
/// Which chats opted in to link scanning, and their counters. A singleton: each call uses its own
/// short-lived database context; whether a chat scans is cached, since every group message asks.
/// </summary>
public sealed class LinkScanStore(IServiceScopeFactory scopes, TimeProvider time)
{
    private readonly ConcurrentDictionary<(ChatPlatform, string), bool> enabled = new();

    public async Task<bool> IsEnabledAsync(ChatPlatform platform, string chatId, CancellationToken cancellationToken)
    {
        if (enabled.TryGetValue((platform, chatId), out var cached))
        {
            return cached;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var value = await db.LinkScanSettings.AsNoTracking()
            .AnyAsync(s => s.Platform == platform.ToString() && s.ChatId == chatId && s.Enabled, cancellationToken);
        enabled[(platform, chatId)] = value;
        return value;
    }

    /// <summary>Turns scanning on or off for the chat; returns whether it was on before.</summary>
    public async Task<bool> SetAsync(ChatPlatform platform, string chatId, bool on, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var setting = await db.LinkScanSettings.FirstOrDefaultAsync(s => s.Platform == platform.ToString() && s.ChatId == chatId, cancellationToken);
        var before = setting?.Enabled ?? false;
        if (setting is null)
        {
            setting = new LinkScanSetting { Platform = platform.ToString(), ChatId = chatId };
            db.LinkScanSettings.Add(setting);
        }

        setting.Enabled = on;
        setting.ChangedAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (setting.Id == 0)
        {
            // Two admins at once met at the unique key: the other insert stands; apply ours as an update.
            await using var retryScope = scopes.CreateAsyncScope();
            var retry = retryScope.ServiceProvider.GetRequiredService<DigestDbContext>();
            await retry.LinkScanSettings.Where(s => s.Platform == platform.ToString() && s.ChatId == chatId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Enabled, on).SetProperty(s => s.ChangedAt, time.GetUtcNow()), cancellationToken);
        }

        enabled[(platform, chatId)] = on;
        return before;
    }

    /// <summary>Adds one scanned message's counts; the message itself is never stored.</summary>
    public async Task CountAsync(ChatPlatform platform, string chatId, int links, int flagged, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        await db.LinkScanSettings.Where(s => s.Platform == platform.ToString() && s.ChatId == chatId)
            .ExecuteUpdateAsync(
                u => u.SetProperty(s => s.MessagesScanned, s => s.MessagesScanned + 1)
                    .SetProperty(s => s.LinksChecked, s => s.LinksChecked + links)
                    .SetProperty(s => s.LinksFlagged, s => s.LinksFlagged + flagged),
                cancellationToken);
    }

    /// <summary>The chat's setting and counters, or null when it never opted in.</summary>
    public async Task<LinkScanSetting?> FindAsync(ChatPlatform platform, string chatId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        return await db.LinkScanSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Platform == platform.ToString() && s.ChatId == chatId, cancellationToken);
    }
}
