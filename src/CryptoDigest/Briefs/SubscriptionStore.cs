using System.Globalization;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Briefs;

/// <summary>
/// Subscriptions as chats change them: /subscribe and /unsubscribe from the router, and, through
/// <see cref="ChatChanges"/> only, a chat gone for good (blocked, kicked, deleted) or moved (a Telegram
/// group upgraded to a supergroup). A singleton: each call uses its own short-lived database context.
/// </summary>
public sealed class SubscriptionStore(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>Marks every subscription of the chat inactive, with the platform's reason; returns how many.</summary>
    public async Task<int> DeactivateAsync(ChatPlatform platform, string chatId, string reason, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var trimmed = reason.Length <= 500 ? reason : reason[..500];
        return await db.Subscriptions
            .Where(s => s.Platform == platform.ToString() && s.ChatId == chatId && s.Active)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Active, false).SetProperty(s => s.DeactivatedReason, trimmed), cancellationToken);
    }

    /// <summary>Moves the chat's subscriptions to its new id, keeping their settings; returns how many moved.</summary>
    public async Task<int> MoveChatAsync(ChatPlatform platform, string oldChatId, string newChatId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        return await db.Subscriptions
            .Where(s => s.Platform == platform.ToString() && s.ChatId == oldChatId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ChatId, newChatId), cancellationToken);
    }

    /// <summary>
    /// Creates or updates the chat's (or topic's) one subscription and makes it active, in one write:
    /// an insert when <paramref name="exists"/> is false (the caller read none), else an update. Two admins
    /// subscribing at once meet at the unique key; the loser's settings are applied as an update.
    /// </summary>
    /// <param name="language">The new subscription's language (the platform's locale of whoever subscribed); an update keeps the chat's choice.</param>
    public async Task SubscribeAsync(ChatPlatform platform, string chatId, string? threadId, SubscriptionSettings settings, bool exists, CancellationToken cancellationToken, string? language = null)
    {
        var thread = threadId ?? string.Empty;
        var filter = string.Join(',', settings.Sources);
        // At most: the insert, the update after losing the race for the key, and an insert again if that row went meanwhile.
        for (var attempt = 0; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
            if (exists)
            {
                var updated = await db.Subscriptions
                    .Where(s => s.Platform == platform.ToString() && s.ChatId == chatId && s.ThreadId == thread)
                    .ExecuteUpdateAsync(
                        u => u.SetProperty(s => s.DeliveryTime, settings.DeliveryTime)
                            .SetProperty(s => s.TimeZone, settings.TimeZone)
                            .SetProperty(s => s.SourceFilter, filter)
                            .SetProperty(s => s.Active, true)
                            .SetProperty(s => s.DeactivatedReason, (string?)null),
                        cancellationToken);
                if (updated > 0)
                {
                    return;
                }

                // Gone since the caller read it (the chat moved to a new id): create it after all.
                exists = false;
                continue;
            }

            db.Subscriptions.Add(new Subscription
            {
                Platform = platform.ToString(),
                ChatId = chatId,
                ThreadId = thread,
                DeliveryTime = settings.DeliveryTime,
                TimeZone = settings.TimeZone,
                SourceFilter = filter,
                Language = BriefLanguages.FromPlatform(language),
                CreatedAt = time.GetUtcNow(),
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                // Someone created it between the caller's read and our insert: go again as an update.
                exists = true;
            }
        }
    }

    /// <summary>
    /// Applies one validated change (/settings or a settings button) to the chat's (or topic's) subscription,
    /// writing only that setting's column, so two admins changing different settings at once both keep theirs.
    /// False when the chat has no subscription.
    /// </summary>
    public async Task<bool> ChangeAsync(ChatPlatform platform, string chatId, string? threadId, SettingChange change, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var thread = threadId ?? string.Empty;
        var value = change.Value;
        Action<UpdateSettersBuilder<Subscription>> setter = change.Setting switch
        {
            SettingNames.Language => u => u.SetProperty(s => s.Language, value),
            SettingNames.Topics => u => u.SetProperty(s => s.Topics, value),
            SettingNames.Length => u => u.SetProperty(s => s.Length, value),
            SettingNames.Cadence => u => u.SetProperty(s => s.Cadence, value),
            SettingNames.Market => u => u.SetProperty(s => s.MarketLine, value == "on"),
            SettingNames.Time => u => u.SetProperty(s => s.DeliveryTime, TimeOnly.ParseExact(value, "HH:mm", CultureInfo.InvariantCulture)),
            SettingNames.Zone => u => u.SetProperty(s => s.TimeZone, value),
            SettingNames.Sources => u => u.SetProperty(s => s.SourceFilter, value),
            _ => throw new ArgumentException($"Unknown setting {change.Setting}.", nameof(change)),
        };
        return await db.Subscriptions
            .Where(s => s.Platform == platform.ToString() && s.ChatId == chatId && s.ThreadId == thread)
            .ExecuteUpdateAsync(setter, cancellationToken) > 0;
    }

    /// <summary>Stops the chat's (or topic's) subscription; false when it had none active.</summary>
    public async Task<bool> UnsubscribeAsync(ChatPlatform platform, string chatId, string? threadId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var thread = threadId ?? string.Empty;
        return await db.Subscriptions
            .Where(s => s.Platform == platform.ToString() && s.ChatId == chatId && s.ThreadId == thread && s.Active)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Active, false).SetProperty(s => s.DeactivatedReason, "unsubscribed"), cancellationToken) > 0;
    }

    /// <summary>
    /// In one read: the chat's (or topic's) subscription, active or not, if any; and the zone the chat last
    /// used in any of its subscriptions, for /subscribe's default.
    /// </summary>
    public async Task<(Subscription? Current, string? LastTimeZone)> FindWithLastZoneAsync(ChatPlatform platform, string chatId, string? threadId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var thread = threadId ?? string.Empty;
        // One row per topic the chat subscribed: a handful at most.
        var all = await db.Subscriptions.AsNoTracking()
            .Where(s => s.Platform == platform.ToString() && s.ChatId == chatId)
            .OrderByDescending(s => s.Id)
            .ToListAsync(cancellationToken);
        return (all.FirstOrDefault(s => s.ThreadId == thread), all.FirstOrDefault()?.TimeZone);
    }

    /// <summary>The subscription of a chat (and topic), active or not, if any.</summary>
    public async Task<Subscription?> FindAsync(ChatPlatform platform, string chatId, string? threadId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var thread = threadId ?? string.Empty;
        return await db.Subscriptions.AsNoTracking()
            .FirstOrDefaultAsync(s => s.Platform == platform.ToString() && s.ChatId == chatId && s.ThreadId == thread, cancellationToken);
    }
}
