using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.IntegrationTests.Telegram;
using CryptoDigest.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Operations;

/// <summary>
/// /status through the Bot API stand-in on PostgreSQL: a group's admin reads the chat's deliveries in plain words,
/// a member gets the command's refusal, and an operator in a private chat also sees the operator's view.
/// </summary>
[Collection(PostgresCollection.Name)]
public class StatusCommandTests(PostgresFixture postgres)
{
    private const long Group = -8200;
    private const long Admin = 7;
    private const long Member = 9;
    private const long Operator = 5150;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Telegram:MaxConcurrentUpdates"] = "1",
        ["Operators:Telegram:0"] = Operator.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task An_admin_sees_the_last_deliveries_in_plain_words_and_a_member_is_refused()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, Settings);
        await SeedDeliveriesAsync(host.Services);
        host.Api.SetMember(Group, Admin, "administrator");

        host.Api.AddMessage(Group, "/status", fromId: Member);
        host.Api.AddMessage(Group, "/status", fromId: Admin);
        var replies = await host.Api.WaitForMessagesAsync(Group, 2);

        Assert.StartsWith("Only this chat's admins can use /status here", replies[0].PlainText, StringComparison.Ordinal);
        var status = replies[1].PlainText;
        Assert.Contains("Daily brief at 08:00 Europe/Berlin (all newsletters).", status, StringComparison.Ordinal);
        Assert.Contains("Last 5 deliveries:", status, StringComparison.Ordinal);
        Assert.Contains("2026-12-07: waiting: retry 2 after a Telegram error, trying until 11:00", status, StringComparison.Ordinal);
        Assert.Contains("2026-12-06: failed: the bot was removed from the chat", status, StringComparison.Ordinal);
        Assert.Contains("2026-12-05: skipped: the bot was down past the grace window", status, StringComparison.Ordinal);
        Assert.Contains("2026-12-04: sent 08:00", status, StringComparison.Ordinal);
        Assert.Contains("2026-12-03: failed: gave up after 5 attempt(s), the last after a Telegram error", status, StringComparison.Ordinal);
        // The newest first, and the operator's view is not shown to a group's admin.
        Assert.True(status.IndexOf("2026-12-07", StringComparison.Ordinal) < status.IndexOf("2026-12-03", StringComparison.Ordinal));
        Assert.DoesNotContain("Model tokens", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_in_a_private_chat_also_sees_the_operators_view_and_anyone_else_only_the_chat()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres, Settings);
        await SeedDeliveriesAsync(host.Services);

        host.Api.AddMessage(Operator, "/status");
        host.Api.AddMessage(Member, "/status");
        var operatorView = (await host.Api.WaitForMessagesAsync(Operator)).Select(m => m.PlainText);
        var memberView = (await host.Api.WaitForMessagesAsync(Member)).Select(m => m.PlainText);

        var text = string.Join('\n', operatorView);
        Assert.Contains("No daily brief here", text, StringComparison.Ordinal);
        Assert.Contains("Test Letter: last fetch 2026-12-07 06:00 UTC; 7 failure(s) in a row; last error: HTTP 503", text, StringComparison.Ordinal);
        Assert.Contains("Deliveries today (UTC)", text, StringComparison.Ordinal);
        Assert.Contains("Outbox: 1 waiting (1 of them for a retry), 0 being sent.", text, StringComparison.Ordinal);
        Assert.Contains("Model tokens today (UTC)", text, StringComparison.Ordinal);
        Assert.Contains("Link scanning", text, StringComparison.Ordinal);
        Assert.Contains("E-mail intake", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Model tokens", string.Join('\n', memberView), StringComparison.Ordinal);
    }

    // Five days of one group's deliveries, one of each kind, as the dispatcher and the deliverer record them.
    private static async Task SeedDeliveriesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var subscription = new Subscription
        {
            Platform = "Telegram",
            ChatId = Group.ToString(System.Globalization.CultureInfo.InvariantCulture),
            DeliveryTime = new TimeOnly(8, 0),
            TimeZone = "Europe/Berlin",
            CreatedAt = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
        };
        db.Subscriptions.Add(subscription);
        db.Sources.Add(new NewsletterSource { Name = "Test Letter", LastFetchedAt = new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero), ConsecutiveFailures = 7, LastError = "HTTP 503" });
        await db.SaveChangesAsync();
        Delivery Day(int day, DeliveryStatus status, DeliveryReason? reason = null, int attempts = 1, string? error = null) => new()
        {
            SubscriptionId = subscription.Id,
            LocalDate = new DateOnly(2026, 12, day),
            Status = status,
            Reason = reason,
            Attempts = attempts,
            LastError = error,
            CreatedAt = new DateTimeOffset(2026, 12, day, 7, 0, 0, TimeSpan.Zero),
            SentAt = status == DeliveryStatus.Sent ? new DateTimeOffset(2026, 12, day, 7, 0, 12, TimeSpan.Zero) : null,
        };
        db.Deliveries.AddRange(
            Day(3, DeliveryStatus.Failed, DeliveryReason.PlatformError, attempts: 5, error: "gave up after 5 attempts: Bad Gateway"),
            Day(4, DeliveryStatus.Sent),
            Day(5, DeliveryStatus.Skipped, DeliveryReason.LateBeyondGrace, attempts: 0),
            Day(6, DeliveryStatus.Failed, DeliveryReason.ChatGone, error: "Forbidden: bot was kicked from the supergroup chat"),
            Day(7, DeliveryStatus.Pending, DeliveryReason.PlatformError, attempts: 2, error: "Too Many Requests: retry after 5"));
        await db.SaveChangesAsync();
    }
}
