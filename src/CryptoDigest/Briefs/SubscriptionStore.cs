using CryptoDigest.Chat;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Briefs;

/// <summary>
/// What the platform adapters may change about subscriptions when a platform tells them a chat
/// is gone (blocked, kicked, deleted) or has moved (a Telegram group upgraded to a supergroup).
/// A singleton: each call uses its own short-lived database context.
/// </summary>
public sealed class SubscriptionStore(IServiceScopeFactory scopes)
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

    /// <summary>The active subscription of a chat (and topic), if any.</summary>
    public async Task<Subscription?> FindAsync(ChatPlatform platform, string chatId, string? threadId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var thread = threadId ?? string.Empty;
        return await db.Subscriptions.AsNoTracking()
            .FirstOrDefaultAsync(s => s.Platform == platform.ToString() && s.ChatId == chatId && s.ThreadId == thread, cancellationToken);
    }
}
