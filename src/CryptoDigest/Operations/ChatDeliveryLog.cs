using System.Globalization;
using CryptoDigest.Briefs;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Operations;

/// <summary>
/// What a chat's admin sees in /status: the chat's (or topic's) subscription and its last seven deliveries,
/// each in plain words with the chat's local date and time (<see cref="DeliveryWording"/>).
/// </summary>
public sealed class ChatDeliveryLog(SubscriptionStore subscriptions, IServiceScopeFactory scopes, IOptions<DeliveryOptions> delivery)
{
    /// <summary>How many deliveries /status lists.</summary>
    public const int Shown = 7;

    public async Task<ReplyBlock> ReadAsync(ChatPlatform platform, string chatId, string? threadId, CancellationToken cancellationToken)
    {
        var subscription = await subscriptions.FindAsync(platform, chatId, threadId, cancellationToken);
        if (subscription is null)
        {
            return new ReplyBlock("This chat", "No daily brief here, so nothing was delivered. Start one with /subscribe HH:MM Zone.");
        }

        var zone = Zone(subscription.TimeZone);
        var lines = new List<string> { Describe(subscription) };
        var deliveries = await LastDeliveriesAsync(subscription.Id, cancellationToken);
        lines.Add(deliveries.Count == 0 ? "No deliveries yet." : $"Last {deliveries.Count} deliveries:");
        lines.AddRange(deliveries.Select(d =>
            $"{d.LocalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: {DeliveryWording.Describe(d, platform, zone, delivery.Value.MaxAttempts, TimeSpan.FromMinutes(delivery.Value.GraceMinutes))}"));
        return new ReplyBlock("This chat", string.Join('\n', lines));
    }

    private static string Describe(Subscription subscription)
    {
        var at = $"{subscription.DeliveryTime.ToString("HH:mm", CultureInfo.InvariantCulture)} {subscription.TimeZone}";
        var sources = subscription.SourceFilter.Length == 0 ? "all newsletters" : $"only {subscription.SourceFilter.Replace(",", ", ", StringComparison.Ordinal)}";
        return subscription.Active
            ? $"Daily brief at {at} ({sources})."
            : $"The daily brief at {at} is stopped" + (subscription.DeactivatedReason is { Length: > 0 } why ? $": {why}." : ".");
    }

    private async Task<List<Delivery>> LastDeliveriesAsync(long subscriptionId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        return await db.Deliveries.AsNoTracking()
            .Where(d => d.SubscriptionId == subscriptionId)
            .OrderByDescending(d => d.LocalDate)
            .Take(Shown)
            .ToListAsync(cancellationToken);
    }

    // A zone stored by /subscribe was valid then; a machine without it still shows UTC times rather than fail.
    private static TimeZoneInfo Zone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
