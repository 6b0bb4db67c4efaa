using CryptoDigest.Operations;
using CryptoDigest.Replies;
using CryptoDigest.Storage;

namespace CryptoDigest.Tests.Operations;

/// <summary>What a chat's admin reads in /status about each delivery: plain words, local times, the platform named.</summary>
public class DeliveryWordingTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void A_sent_delivery_says_when_in_the_chats_local_time()
    {
        var delivery = Delivery(DeliveryStatus.Sent, sentAt: new DateTimeOffset(2026, 12, 7, 7, 0, 30, TimeSpan.Zero));

        Assert.Equal("sent 08:00", DeliveryWording.Describe(delivery, ChatPlatform.Telegram, Berlin, maxAttempts: 5));
    }

    [Fact]
    public void A_skipped_delivery_names_the_grace_window()
    {
        var delivery = Delivery(DeliveryStatus.Skipped, reason: DeliveryReason.LateBeyondGrace);

        Assert.Equal("skipped: the bot was down past the grace window", DeliveryWording.Describe(delivery, ChatPlatform.Telegram, Berlin, 5));
    }

    [Theory]
    [InlineData("Forbidden: bot was kicked from the supergroup chat", "failed: the bot was removed from the chat")]
    [InlineData("Forbidden: bot is not a member of the channel chat", "failed: the bot was removed from the chat")]
    [InlineData("Forbidden: bot was blocked by the user", "failed: the user blocked the bot")]
    [InlineData("Bad Request: chat not found", "failed: the chat no longer exists")]
    [InlineData("Forbidden: user is deactivated", "failed: the user's account was deleted")]
    [InlineData("Missing Access", "failed: the bot was removed from the chat")]
    [InlineData("Unknown Channel", "failed: the chat no longer exists")]
    [InlineData("Missing Permissions", "failed: the bot may not post in the chat")]
    [InlineData("something new", "failed: the chat is closed to the bot")]
    public void A_chat_gone_failure_says_what_happened_to_the_chat(string platformError, string expected)
    {
        var delivery = Delivery(DeliveryStatus.Failed, reason: DeliveryReason.ChatGone, error: platformError);

        Assert.Equal(expected, DeliveryWording.Describe(delivery, ChatPlatform.Telegram, Berlin, 5));
    }

    [Fact]
    public void A_delivery_waiting_for_a_retry_counts_the_retries_and_names_the_platform()
    {
        var delivery = Delivery(DeliveryStatus.Pending, reason: DeliveryReason.PlatformError, error: "Too Many Requests", attempts: 2);

        Assert.Equal("waiting: retry 2 of 4 after a Telegram error", DeliveryWording.Describe(delivery, ChatPlatform.Telegram, Berlin, maxAttempts: 5));
        Assert.Equal("waiting: retry 2 of 4 after a Discord error", DeliveryWording.Describe(delivery, ChatPlatform.Discord, Berlin, maxAttempts: 5));
    }

    [Fact]
    public void Without_an_attempt_cap_a_waiting_delivery_says_until_when_it_is_retried()
    {
        var delivery = Delivery(DeliveryStatus.Pending, reason: DeliveryReason.PlatformError, attempts: 3);
        delivery.CreatedAt = new DateTimeOffset(2026, 12, 7, 7, 0, 0, TimeSpan.Zero); // 08:00 in Berlin

        Assert.Equal("waiting: retry 3 after a Telegram error, trying until 11:00",
            DeliveryWording.Describe(delivery, ChatPlatform.Telegram, Berlin, maxAttempts: null, grace: TimeSpan.FromMinutes(180)));
    }

    [Fact]
    public void A_delivery_that_gave_up_says_how_often_it_tried_and_why()
    {
        var transient = Delivery(DeliveryStatus.Failed, reason: DeliveryReason.PlatformError, attempts: 5);
        var noEdition = Delivery(DeliveryStatus.Failed, reason: DeliveryReason.NoFreshEdition, attempts: 5);

        Assert.Equal("failed: gave up after 5 attempt(s), the last after a Telegram error", DeliveryWording.Describe(transient, ChatPlatform.Telegram, Berlin, 5));
        Assert.Equal("failed: gave up after 5 attempt(s), the last after no fresh edition could be composed", DeliveryWording.Describe(noEdition, ChatPlatform.Telegram, Berlin, 5));
    }

    [Fact]
    public void Due_sending_and_refused_deliveries_have_their_own_words()
    {
        Assert.Equal("waiting: due, not sent yet", DeliveryWording.Describe(Delivery(DeliveryStatus.Pending), ChatPlatform.Telegram, Berlin, 5));
        Assert.Equal("sending now", DeliveryWording.Describe(Delivery(DeliveryStatus.Claimed, attempts: 1), ChatPlatform.Telegram, Berlin, 5));
        Assert.Equal("failed: Discord refused the message", DeliveryWording.Describe(Delivery(DeliveryStatus.Failed, reason: DeliveryReason.Rejected), ChatPlatform.Discord, Berlin, 5));
    }

    private static Delivery Delivery(DeliveryStatus status, DeliveryReason? reason = null, string? error = null, int attempts = 0, DateTimeOffset? sentAt = null) => new()
    {
        SubscriptionId = 1,
        LocalDate = new DateOnly(2026, 12, 7),
        Status = status,
        Reason = reason,
        LastError = error,
        Attempts = attempts,
        SentAt = sentAt,
    };
}
