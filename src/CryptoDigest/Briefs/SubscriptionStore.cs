using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
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
    /// Creates or updates the chat's (or topic's) one subscription and makes it active. Two admins
    /// subscribing at once meet at the unique key; the loser's settings are applied as an update.
    /// </summary>
    public async Task SubscribeAsync(ChatPlatform platform, string chatId, string? threadId, SubscriptionSettings settings, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
            var thread = threadId ?? string.Empty;
            var subscription = await db.Subscriptions.FirstOrDefaultAsync(
                s => s.Platform == platform.ToString() && s.ChatId == chatId && s.ThreadId == thread, cancellationToken);
            if (subscription is null)
            {
                subscription = new Subscription { Platform = platform.ToString(), ChatId = chatId, ThreadId = thread, TimeZone = settings.TimeZone, CreatedAt = time.GetUtcNow() };
                db.Subscriptions.Add(subscription);
            }

            subscription.DeliveryTime = settings.DeliveryTime;
            subscription.TimeZone = settings.TimeZone;
            subscription.SourceFilter = string.Join(',', settings.Sources);
            subscription.Active = true;
            subscription.DeactivatedReason = null;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Someone created it between our read and our insert: go again as an update.
            }
        }
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

    /// <summary>The zone this chat last used in any of its subscriptions, for /subscribe's default.</summary>
    public async Task<string?> LastTimeZoneAsync(ChatPlatform platform, string chatId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        return await db.Subscriptions.AsNoTracking()
            .Where(s => s.Platform == platform.ToString() && s.ChatId == chatId)
            .OrderByDescending(s => s.Id)
            .Select(s => s.TimeZone)
            .FirstOrDefaultAsync(cancellationToken);
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
