using System.Diagnostics;
using System.Globalization;
using System.Text;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.IntegrationTests.Telegram;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static CryptoDigest.IntegrationTests.Briefs.DeliveryTestKit;

namespace CryptoDigest.IntegrationTests.Briefs;

/// <summary>
/// The one duplicate physics allows (docs/jobs.md, "Delivering each brief once"): the real Host's
/// `brief send-now` is SIGKILLed in the middle of a 1,000-chat Telegram broadcast, then run again.
/// Every chat must end up with its brief, and the only repeats may be the sends in flight at the kill.
/// </summary>
[Collection(PostgresCollection.Name)]
public class SendNowCrashTests(PostgresFixture postgres)
{
    private const int Chats = 1000;
    private const int MaxConcurrentChats = 64;
    private const int MessagesPerSecond = 200;

    [Fact]
    public async Task Send_now_killed_mid_broadcast_and_run_again_delivers_every_chat_with_repeats_only_for_sends_in_flight_at_the_kill()
    {
        // Arrange: 1,000 Telegram chats in PostgreSQL and today's edition, composed beforehand.
        await using var api = await BotApiStandIn.StartAsync();
        api.GlobalMessagesPerSecond = MessagesPerSecond;
        var now = TimeProvider.System.GetUtcNow();
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), time: new FakeTimeProvider(now));
        await ComposeEditionAsync(app);
        // A zone where it is not about to be midnight, so both runs see the same local date.
        var zone = now.Hour is >= 1 and <= 22 ? "Etc/UTC" : "Etc/GMT-12";
        await SubscribeAsync(app, Chats(Chats, first: 7_000_001), new TimeOnly(8, 0), zone);
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = app.ConnectionString,
            ["Telegram__BotToken"] = BotApiStandIn.Token,
            ["Telegram__ApiBaseUrl"] = api.BaseUrl.ToString(),
            ["Telegram__GlobalMessagesPerSecond"] = MessagesPerSecond.ToString(CultureInfo.InvariantCulture),
            ["Delivery__MaxConcurrentChats"] = MaxConcurrentChats.ToString(CultureInfo.InvariantCulture),
        };

        // Act: kill the first run once the broadcast is well under way.
        await KillWhenSendingAsync(api, environment, sendMessageCalls: 150);
        var sentAtKill = (await DeliveriesAsync(app)).Count(d => d.Status == DeliveryStatus.Sent);
        // The dead process's leases run out (ten minutes that this test does not wait for).
        await app.WithDbAsync(db => db.Deliveries
            .Where(d => d.Status == DeliveryStatus.Claimed)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.LeaseUntil, TimeProvider.System.GetUtcNow().AddMinutes(-1))));
        var second = await HostProcess.RunAsync(["brief", "send-now"], environment);

        // Assert
        Assert.True(second.ExitCode == 0, second.StandardError);
        Assert.InRange(sentAtKill, 1, Chats - 1);
        var deliveries = await DeliveriesAsync(app);
        Assert.Equal(Chats, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        var received = api.Delivered.GroupBy(m => m.ChatId).ToDictionary(g => g.Key.ToString(CultureInfo.InvariantCulture), g => g.ToList());
        var duplicates = 0;
        foreach (var delivery in deliveries)
        {
            var messages = received[delivery.Subscription!.ChatId];
            // Every part arrived...
            Assert.Equal(delivery.SentParts, messages.Select(m => m.RawText).Distinct().Count());
            // ...and a part arrived twice only where a dead claim was taken over.
            var repeats = messages.Count - delivery.SentParts;
            Assert.InRange(repeats, 0, delivery.PossibleDuplicates);
            duplicates += repeats;
        }

        Assert.InRange(duplicates, 0, MaxConcurrentChats);
    }

    /// <summary>Starts `brief send-now`, waits until the stand-in has seen some sends, then kills the whole process tree.</summary>
    private static async Task KillWhenSendingAsync(BotApiStandIn api, IReadOnlyDictionary<string, string> environment, int sendMessageCalls)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("cryptodigest-send-now-").FullName;
        var log = new StringBuilder();
        try
        {
            var start = HostProcess.StartInfo(["brief", "send-now"], environment, workingDirectory);

            using var process = Process.Start(start) ?? throw new InvalidOperationException("The Host did not start.");
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                var sending = api.WaitForCallsAsync("sendMessage", sendMessageCalls);
                var exited = process.WaitForExitAsync();
                if (await Task.WhenAny(sending, exited) == exited)
                {
                    throw new InvalidOperationException($"brief send-now exited ({process.ExitCode}) before it was killed:\n{Log()}");
                }

                await sending;
            }
            finally
            {
                // SIGKILL: no shutdown hooks, no flushing; whatever was in flight stays in flight.
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }

        void Append(string? line)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }

        string Log()
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }
}
