using System.Collections.Concurrent;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Security.LinkCheck;

/// <summary>
/// Which chats opted in to link scanning, and their counters. A singleton: each call uses its own
/// short-lived database context. Every group message asks whether its chat scans, so "off" (most chats)
/// is trusted for LinkCheck:ScanSettingCacheSeconds; "on" is read again each time, so an admin's
/// /security scan off on any instance stops every instance at once (docs/link-check.md).
/// </summary>
public sealed class LinkScanStore(IServiceScopeFactory scopes, TimeProvider time, IOptions<LinkCheckOptions> options)
{
    private readonly ConcurrentDictionary<(ChatPlatform, string), DateTimeOffset> off = new();

    public async Task<bool> IsEnabledAsync(ChatPlatform platform, string chatId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (off.TryGetValue((platform, chatId), out var readAt) && now - readAt < TimeSpan.FromSeconds(options.Value.ScanSettingCacheSeconds))
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var value = await db.LinkScanSettings.AsNoTracking()
            .AnyAsync(s => s.Platform == platform.ToString() && s.ChatId == chatId && s.Enabled, cancellationToken);
        Remember(platform, chatId, value, now);
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

        Remember(platform, chatId, on, time.GetUtcNow());
        return before;
    }

    private void Remember(ChatPlatform platform, string chatId, bool on, DateTimeOffset at)
    {
        if (on)
        {
            off.TryRemove((platform, chatId), out _);
        }
        else
        {
            off[(platform, chatId)] = at;
        }
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
