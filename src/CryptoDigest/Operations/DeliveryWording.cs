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
    /// <param name="texts">The chat's language; English when not given. Times are formatted by code, the same in every language.</param>
    public static string Describe(Delivery delivery, ChatPlatform platform, TimeZoneInfo zone, int? maxAttempts, TimeSpan grace = default, ReplyTexts? texts = null)
    {
        texts ??= ReplyTexts.English;
        return delivery.Status switch
        {
            DeliveryStatus.Sent => delivery.SentAt is { } sentAt ? texts.Format("Delivery.Sent", LocalTime(sentAt, zone)) : texts["Delivery.SentNoTime"],
            DeliveryStatus.Skipped => texts["Delivery.Skipped"],
            DeliveryStatus.Failed => texts.Format("Delivery.Failed", Failure(delivery, platform, texts)),
            DeliveryStatus.Claimed => texts["Delivery.Sending"],
            _ when delivery.Attempts == 0 => texts["Delivery.Due"],
            // Attempts counts claims: after n failed attempts the next is retry n, of the MaxAttempts - 1 retries there are.
            _ when maxAttempts is { } max => texts.Format("Delivery.RetryOf", delivery.Attempts, Math.Max(1, max - 1), Cause(delivery.Reason, platform, texts)),
            // Without a cap, retries back off until the grace runs out.
            _ => texts.Format("Delivery.RetryUntil", delivery.Attempts, Cause(delivery.Reason, platform, texts), LocalTime(delivery.CreatedAt + grace, zone)),
        };
    }

    private static string Failure(Delivery delivery, ChatPlatform platform, ReplyTexts texts) => delivery.Reason switch
    {
        DeliveryReason.ChatGone => GoneChat(delivery.LastError ?? string.Empty, texts),
        DeliveryReason.Rejected => texts.Format("Delivery.Refused", platform),
        DeliveryReason.NoChannel => texts.Format("Delivery.NoChannel", platform),
        DeliveryReason.LateBeyondGrace => texts["Delivery.LateBeyondGrace"],
        null => texts["Delivery.NoReason"],
        var reason => texts.Format("Delivery.GaveUp", delivery.Attempts, Cause(reason, platform, texts)),
    };

    // "after a Telegram error": what the last failed attempt ran into.
    private static string Cause(DeliveryReason? reason, ChatPlatform platform, ReplyTexts texts) => reason switch
    {
        DeliveryReason.NoFreshEdition => texts["Delivery.AfterNoEdition"],
        DeliveryReason.Unexpected => texts["Delivery.AfterBotError"],
        _ when platform == ChatPlatform.Console => texts["Delivery.AfterConsoleError"],
        _ => texts.Format("Delivery.AfterPlatformError", platform),
    };

    /// <summary>What a platform's "chat gone" answer means, in words (Telegram's descriptions and Discord's messages).</summary>
    public static string GoneChat(string error, ReplyTexts? texts = null)
    {
        texts ??= ReplyTexts.English;
        bool Says(string words) => error.Contains(words, StringComparison.OrdinalIgnoreCase);
        if (Says("blocked"))
        {
            return texts["Gone.Blocked"];
        }

        if (Says("deactivated"))
        {
            return texts["Gone.AccountDeleted"];
        }

        if (Says("kicked") || Says("not a member") || Says("removed") || Says("Missing Access") || Says("refused the bot"))
        {
            return texts["Gone.Removed"];
        }

        if (Says("chat not found") || Says("Unknown Channel") || Says("deleted"))
        {
            return texts["Gone.NoChat"];
        }

        return texts[Says("rights") || Says("Missing Permissions") ? "Gone.NoRights" : "Gone.Closed"];
    }

    private static string LocalTime(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("HH:mm", CultureInfo.InvariantCulture);
}
