using System.Net.WebSockets;
using System.Text.Json;
using CryptoDigest.IntegrationTests.Infrastructure;

namespace CryptoDigest.IntegrationTests.Discord;

/// <summary>
/// The gateway client against a loopback gateway stand-in and the REST stand-in, with the real composition on
/// PostgreSQL: the handshake, heartbeats on a fake clock, link scanning of guild messages, resuming after drops,
/// op 7 and op 9, the close codes that stop it, and one gateway among several instances.
/// </summary>
[Collection(PostgresCollection.Name)]
public class DiscordGatewayTests(PostgresFixture postgres)
{
    private const string GuildId = InteractionBuilder.GuildId;
    private const string ChannelId = InteractionBuilder.ChannelId;
    private const string SessionId = "9f1c2a7b3e5d4c6a8b0e1f2a3b4c5d6e";

    /// <summary>Everyone's default permissions plus MANAGE_GUILD (1 &lt;&lt; 5), "Manage Server".</summary>
    private const string ManageServerPermissions = "68640";

    private static readonly TimeSpan Interval = DiscordGatewayStandIn.HeartbeatInterval;

    [Fact]
    public async Task It_identifies_with_the_token_and_three_intents_heartbeats_on_the_clock_and_warns_once_under_a_lookalike_link()
    {
        await using var rest = await DiscordApiStandIn.StartAsync();
        await using var gateway = await DiscordGatewayStandIn.StartAsync();
        rest.GatewayUrl = gateway.Url;
        await using var host = await DiscordGatewayTestHost.StartAsync(await postgres.CreateDatabaseAsync(), rest);

        var connection = await gateway.NextConnectionAsync();
        var identify = await connection.ReceiveAsync();
        Assert.Equal("?v=10&encoding=json", connection.Query);
        Assert.Equal(2, identify.GetProperty("op").GetInt32());
        var d = identify.GetProperty("d");
        Assert.Equal(DiscordTestApp.BotToken, d.GetProperty("token").GetString());
        Assert.Equal((1 << 0) | (1 << 9) | (1 << 15), d.GetProperty("intents").GetInt32());
        Assert.Equal([0, 1], d.GetProperty("shard").EnumerateArray().Select(s => s.GetInt32()));

        // The first heartbeat comes after the interval times the jitter (0.5 here; its wait began before IDENTIFY
        // was sent), the next a whole interval after it.
        var nextBeatWaiting = host.Clock.WaitStartedAsync(Interval);
        host.Clock.Advance(Interval * DiscordGatewayTestHost.Jitter);
        await connection.WaitForHeartbeatsAsync(1);
        await nextBeatWaiting;
        Assert.Equal([null], connection.Heartbeats);

        await connection.DispatchAsync("READY", Ready(gateway));
        await connection.DispatchAsync("GUILD_CREATE", new { id = GuildId, name = "Crypto club", channels = new[] { new { id = ChannelId, type = 0, name = "general" } } });
        using (var turnedOn = await host.PostInteractionAsync(InteractionBuilder.Command("security", ManageServerPermissions, ("question", "scan on"))))
        {
            Assert.StartsWith("Link scanning is on here", (await DiscordTestApp.JsonAsync(turnedOn)).GetProperty("data").GetProperty("content").GetString(), StringComparison.Ordinal);
        }

        await connection.DispatchAsync("MESSAGE_CREATE", Message("1600000000000000001", "claim yours at https://binance-support.example.com/airdrop", bot: true));
        await connection.DispatchAsync("MESSAGE_CREATE", Message("1600000000000000002", "claim yours at https://binance-support.example.com/airdrop", webhookId: "1700000000000000001"));
        await connection.DispatchAsync("MESSAGE_CREATE", Message("1600000000000000003", "the docs are at https://docs.uniswap.org/"));
        var last = await connection.DispatchAsync("MESSAGE_CREATE", Message("1600000000000000004", "gm! claim yours at https://binance-support.example.com/airdrop"));

        // Scanned in order: once the lookalike's reply is there, the three before it were handled.
        var reply = Assert.Single(await rest.WaitForAsync(r => r.Method == "POST" && r.Path == $"/api/v10/channels/{ChannelId}/messages"));
        var body = reply.Json;
        Assert.Equal("1600000000000000004", body.GetProperty("message_reference").GetProperty("message_id").GetString());
        Assert.Empty(body.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
        Assert.Contains("looks suspicious", body.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(DiscordTestApp.BotToken, reply.Header("Authorization")?["Bot ".Length..]);
        Assert.DoesNotContain(rest.Requests, r => r.Method == "DELETE");

        using (var shown = await host.PostInteractionAsync(InteractionBuilder.Command("security", options: ("question", "scan"))))
        {
            Assert.StartsWith(
                @"Link scanning is on here: 2 link\(s\) checked in 2 message\(s\), 1 flagged.",
                (await DiscordTestApp.JsonAsync(shown)).GetProperty("data").GetProperty("content").GetString(),
                StringComparison.Ordinal);
        }

        host.Clock.Advance(Interval);
        await connection.WaitForHeartbeatsAsync(2);
        Assert.Equal([null, last], connection.Heartbeats);
        Assert.Equal(1, gateway.ConnectionCount);
    }

    [Fact]
    public async Task A_drop_op_7_and_a_resumable_op_9_resume_with_the_last_sequence_and_a_lost_session_identifies_anew()
    {
        await using var rest = await DiscordApiStandIn.StartAsync();
        await using var gateway = await DiscordGatewayStandIn.StartAsync();
        rest.GatewayUrl = gateway.Url;
        await using var host = await DiscordGatewayTestHost.StartAsync(await postgres.CreateDatabaseAsync(), rest);

        var first = await gateway.NextConnectionAsync();
        Assert.Equal(2, (await first.ReceiveAsync()).GetProperty("op").GetInt32());
        await first.DispatchAsync("READY", Ready(gateway));
        var seen = await first.DispatchAsync("MESSAGE_CREATE", Message("1600000000000000010", "https://binance-support.example.com in a server that does not scan"));

        // A heartbeat asked for (op 1) comes at once, after the dispatch before it was read.
        await first.SendAsync(new { op = 1, d = (object?)null });
        await first.WaitForHeartbeatsAsync(1);
        Assert.Equal([seen], first.Heartbeats);
        first.Drop();
        var afterDrop = await ExpectResumeAsync(gateway, seen);

        // op 7: reconnect and resume.
        var resumed = await afterDrop.DispatchAsync("RESUMED", new { });
        await afterDrop.SendAsync(new { op = 7, d = (object?)null });
        var afterReconnect = await ExpectResumeAsync(gateway, resumed);

        // op 9 with d true: the session can be resumed.
        resumed = await afterReconnect.DispatchAsync("RESUMED", new { });
        await afterReconnect.SendAsync(new { op = 9, d = true });
        var afterResumable = await ExpectResumeAsync(gateway, resumed);
        await afterResumable.DispatchAsync("RESUMED", new { });

        // op 9 with d false: a pause of 1 to 5 s (3 s with the fixed jitter), then a new session from GET /gateway/bot.
        await host.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(3), () => afterResumable.SendAsync(new { op = 9, d = false }), TimeSpan.FromSeconds(3));
        var fresh = await gateway.NextConnectionAsync();
        var identify = await fresh.ReceiveAsync();

        Assert.Equal(2, identify.GetProperty("op").GetInt32());
        Assert.Equal("/", fresh.Path);
        Assert.Equal(2, rest.Requests.Count(r => r.Method == "GET" && r.Path == "/api/v10/gateway/bot"));
        Assert.Equal(5, gateway.ConnectionCount);
        Assert.DoesNotContain(rest.Requests, r => r.Path.Contains("/messages", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_heartbeat_without_an_ack_drops_the_connection_and_resumes_it()
    {
        await using var rest = await DiscordApiStandIn.StartAsync();
        await using var gateway = await DiscordGatewayStandIn.StartAsync();
        rest.GatewayUrl = gateway.Url;
        await using var host = await DiscordGatewayTestHost.StartAsync(await postgres.CreateDatabaseAsync(), rest);

        var first = await gateway.NextConnectionAsync();
        first.AcknowledgeHeartbeats = false;
        await first.ReceiveAsync();
        var seen = await first.DispatchAsync("READY", Ready(gateway));

        // A heartbeat asked for (op 1) is answered after READY was read: only a session that got READY resumes at once.
        await first.SendAsync(new { op = 1, d = (object?)null });
        await first.WaitForHeartbeatsAsync(1);
        var nextBeatWaiting = host.Clock.WaitStartedAsync(Interval);
        host.Clock.Advance(Interval * DiscordGatewayTestHost.Jitter);
        await first.WaitForHeartbeatsAsync(2);
        await nextBeatWaiting;
        host.Clock.Advance(Interval);

        Assert.NotEqual(WebSocketCloseStatus.NormalClosure, await first.Ended.WaitAsync(TimeSpan.FromSeconds(20)));
        await ExpectResumeAsync(gateway, seen);
        Assert.Equal([seen, seen], first.Heartbeats);
    }

    [Theory]
    [InlineData(4004, "Set Discord:BotToken to the token on the Bot page")]
    [InlineData(4014, "turn on \"Message Content Intent\" under Privileged Gateway Intents")]
    public async Task A_bad_token_or_a_refused_intent_stops_the_gateway_with_one_error_naming_the_fix(int closeCode, string fix)
    {
        await using var rest = await DiscordApiStandIn.StartAsync();
        await using var gateway = await DiscordGatewayStandIn.StartAsync();
        rest.GatewayUrl = gateway.Url;
        await using var host = await DiscordGatewayTestHost.StartAsync(await postgres.CreateDatabaseAsync(), rest);

        var connection = await gateway.NextConnectionAsync();
        await connection.ReceiveAsync();
        await connection.CloseAsync(closeCode, "refused");
        await host.Gateway.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Contains(fix, host.Gateway.StopReason, StringComparison.Ordinal);
        // One error of the bot's own (EF Core logs its first look for the migrations table of a new database as one too).
        var error = Assert.Single(host.Log.Lines, l => l.StartsWith("Error CryptoDigest", StringComparison.Ordinal));
        Assert.Contains(fix, error, StringComparison.Ordinal);
        Assert.DoesNotContain(DiscordTestApp.BotToken, string.Join('\n', host.Log.Lines), StringComparison.Ordinal);
        Assert.Equal(1, gateway.ConnectionCount);
    }

    [Fact]
    public async Task With_two_instances_on_one_database_one_holds_the_gateway_and_the_other_takes_over_when_it_stops()
    {
        await using var rest = await DiscordApiStandIn.StartAsync();
        await using var gateway = await DiscordGatewayStandIn.StartAsync();
        rest.GatewayUrl = gateway.Url;
        var database = await postgres.CreateDatabaseAsync();
        var first = await DiscordGatewayTestHost.StartAsync(database, rest);
        var holding = await gateway.NextConnectionAsync();
        Assert.Equal(2, (await holding.ReceiveAsync()).GetProperty("op").GetInt32());

        Task standingBy = Task.CompletedTask;
        await using var second = await DiscordGatewayTestHost.StartAsync(database, rest, beforeStart: clock => standingBy = clock.WaitStartedAsync(TimeSpan.FromSeconds(15)));
        await standingBy;
        Assert.Contains(second.Log.Lines, l => l.Contains("Another instance holds the Discord gateway; this one stands by", StringComparison.Ordinal));
        Assert.Equal(1, gateway.ConnectionCount);

        await first.DisposeAsync();
        second.Clock.Advance(TimeSpan.FromSeconds(15));
        var takenOver = await gateway.NextConnectionAsync();

        Assert.Equal(2, (await takenOver.ReceiveAsync()).GetProperty("op").GetInt32());
        Assert.Equal(2, gateway.ConnectionCount);
    }

    [Fact]
    public async Task Without_the_gateway_scan_on_is_answered_privately_that_it_is_not_turned_on_and_no_gateway_is_asked_for()
    {
        await using var rest = await DiscordApiStandIn.StartAsync();
        await using var app = await DiscordTestApp.StartAsync(postgres, rest);

        using var response = await app.PostInteractionAsync(InteractionBuilder.Command("security", ManageServerPermissions, ("question", "scan on")));

        var data = (await DiscordTestApp.JsonAsync(response)).GetProperty("data");
        Assert.StartsWith("Link scanning is not turned on for this bot on Discord", data.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(64, data.GetProperty("flags").GetInt32());
        Assert.DoesNotContain(rest.Requests, r => r.Path.EndsWith("/gateway/bot", StringComparison.Ordinal));
    }

    private static async Task<DiscordGatewayStandInConnection> ExpectResumeAsync(DiscordGatewayStandIn gateway, long sequence)
    {
        var connection = await gateway.NextConnectionAsync();
        var resume = await connection.ReceiveAsync();
        Assert.Equal(6, resume.GetProperty("op").GetInt32());
        Assert.Equal("/resume", connection.Path);
        var d = resume.GetProperty("d");
        Assert.Equal(DiscordTestApp.BotToken, d.GetProperty("token").GetString());
        Assert.Equal(SessionId, d.GetProperty("session_id").GetString());
        Assert.Equal(sequence, d.GetProperty("seq").GetInt64());
        return connection;
    }

    private static object Ready(DiscordGatewayStandIn gateway) => new
    {
        v = 10,
        session_id = SessionId,
        resume_gateway_url = new Uri(gateway.Url, "/resume").ToString(),
        user = new { id = "1800000000000000001", username = "cryptodigest", bot = true },
        guilds = new[] { new { id = GuildId, unavailable = true } },
        shard = new[] { 0, 1 },
        application = new { id = DiscordTestApp.ApplicationId, flags = 0 },
    };

    private static object Message(string id, string content, bool bot = false, string? webhookId = null) => new
    {
        id,
        channel_id = ChannelId,
        guild_id = GuildId,
        content,
        author = new { id = bot ? "1800000000000000002" : "1400000000000000001", username = bot ? "another-bot" : "member", bot },
        webhook_id = webhookId,
        type = 0,
        timestamp = "2026-11-23T12:00:00.000000+00:00",
        edited_timestamp = (string?)null,
        mentions = Array.Empty<object>(),
        member = new { roles = Array.Empty<string>() },
    };
}
