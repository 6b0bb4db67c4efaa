using System.Globalization;
using CryptoDigest.Replies;
using CryptoDigest.Storage;

namespace CryptoDigest.Operations;

/// <summary>
/// One delivery in plain words for a chat's admin ("sent 08:00", "skipped: the bot was down past the grace
/// window", "failed: the bot was removed from the chat", "waiting: retry 2 after a Telegram error, trying until 11:00"),
/// from its status, its recorded reason and the platform's own error text.
/// </summary>
public static class DeliveryWording
{
    /// <param name="delivery">The delivery as stored.</param>
    /// <param name="platform">The chat's platform, named in the words for its errors.</param>
    /// <param name="zone">The subscription's time zone: times are the chat's local times.</param>
    /// <param name="maxAttempts">Delivery:MaxAttempts, when set; otherwise retries go on until the grace runs out.</param>
    /// <param name="grace">Delivery:GraceMinutes: how long after it was dispatched a delivery is retried.</param>
    public static string Describe(Delivery delivery, ChatPlatform platform, TimeZoneInfo zone, int? maxAttempts, TimeSpan grace = default) => delivery.Status switch
    {
        DeliveryStatus.Sent => delivery.SentAt is { } sentAt ? $"sent {LocalTime(sentAt, zone)}" : "sent",
        DeliveryStatus.Skipped => "skipped: the bot was down past the grace window",
        DeliveryStatus.Failed => "failed: " + Failure(delivery, platform),
        DeliveryStatus.Claimed => "sending now",
        _ when delivery.Attempts == 0 => "waiting: due, not sent yet",
        // Attempts counts claims: after n failed attempts the next is retry n, of the MaxAttempts - 1 retries there are.
        _ when maxAttempts is { } max => $"waiting: retry {delivery.Attempts} of {Math.Max(1, max - 1)} {Cause(delivery.Reason, platform)}",
        // Without a cap, retries back off until the grace runs out.
        _ => $"waiting: retry {delivery.Attempts} {Cause(delivery.Reason, platform)}, trying until {LocalTime(delivery.CreatedAt + grace, zone)}",
    };

    private static string Failure(Delivery delivery, ChatPlatform platform) => delivery.Reason switch
    {
        DeliveryReason.ChatGone => GoneChat(delivery.LastError ?? string.Empty),
        DeliveryReason.Rejected => $"{platform} refused the message",
        DeliveryReason.NoChannel => $"no running instance of the bot sends to {platform}",
        DeliveryReason.LateBeyondGrace => "the bot was down past the grace window",
        null => "the reason was not recorded",
        var reason => $"gave up after {delivery.Attempts} attempt(s), the last {Cause(reason, platform)}",
    };

    // "after a Telegram error": what the last failed attempt ran into.
    private static string Cause(DeliveryReason? reason, ChatPlatform platform) => reason switch
    {
        DeliveryReason.NoFreshEdition => "after no fresh edition could be composed",
        DeliveryReason.Unexpected => "after an error in the bot",
        _ => $"after a{(platform == ChatPlatform.Console ? " console" : " " + platform)} error",
    };

    /// <summary>What a platform's "chat gone" answer means, in words (Telegram's descriptions and Discord's messages).</summary>
    public static string GoneChat(string error)
    {
        bool Says(string words) => error.Contains(words, StringComparison.OrdinalIgnoreCase);
        if (Says("blocked"))
        {
            return "the user blocked the bot";
        }

        if (Says("deactivated"))
        {
            return "the user's account was deleted";
        }

        if (Says("kicked") || Says("not a member") || Says("removed") || Says("Missing Access") || Says("refused the bot"))
        {
            return "the bot was removed from the chat";
        }

        if (Says("chat not found") || Says("Unknown Channel") || Says("deleted"))
        {
            return "the chat no longer exists";
        }

        return Says("rights") || Says("Missing Permissions") ? "the bot may not post in the chat" : "the chat is closed to the bot";
    }

    private static string LocalTime(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("HH:mm", CultureInfo.InvariantCulture);
}
