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

    /// <summary>The chat's block in <paramref name="texts"/>' language; dates and times formatted by code, the same in every language.</summary>
    public async Task<ReplyBlock> ReadAsync(ChatPlatform platform, string chatId, string? threadId, ReplyTexts texts, CancellationToken cancellationToken)
    {
        var subscription = await subscriptions.FindAsync(platform, chatId, threadId, cancellationToken);
        if (subscription is null)
        {
            return new ReplyBlock(texts["Status.Heading"], texts["Status.NoBrief"]);
        }

        var zone = Zone(subscription.TimeZone);
        var lines = new List<string> { Describe(subscription, texts) };
        var deliveries = await LastDeliveriesAsync(subscription.Id, cancellationToken);
        lines.Add(deliveries.Count == 0 ? texts["Status.NoDeliveries"] : texts.Count("Status.LastDeliveries", deliveries.Count));
        var settings = delivery.Value;
        lines.AddRange(deliveries.Select(d =>
            $"{d.LocalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: {DeliveryWording.Describe(d, platform, zone, settings.MaxAttempts, TimeSpan.FromMinutes(settings.GraceMinutes), texts)}"));
        return new ReplyBlock(texts["Status.Heading"], string.Join('\n', lines));
    }

    private static string Describe(Subscription subscription, ReplyTexts texts)
    {
        var at = $"{subscription.DeliveryTime.ToString("HH:mm", CultureInfo.InvariantCulture)} {subscription.TimeZone}";
        var sources = subscription.SourceFilter.Length == 0
            ? texts["Settings.AllNewsletters"]
            : texts.Format("Status.Only", subscription.SourceFilter.Replace(",", ", ", StringComparison.Ordinal));
        if (subscription.Active)
        {
            return texts.Format("Status.Active", at, sources);
        }

        // The stored reason is the platform's own text (or "unsubscribed"), shown as recorded.
        return subscription.DeactivatedReason is { Length: > 0 } why ? texts.Format("Status.StoppedBecause", at, why) : texts.Format("Status.Stopped", at);
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
