using System.Text;
using CryptoDigest.Discord;
using Microsoft.Extensions.Time.Testing;

namespace CryptoDigest.Tests.Discord;

/// <summary>The gateway client's pure parts: close codes, the outgoing limit, payload parsing, the session, the intents.</summary>
public class DiscordGatewayProtocolTests
{
    [Theory]
    [InlineData(4004, "Stop")]
    [InlineData(4010, "Stop")]
    [InlineData(4011, "Stop")]
    [InlineData(4012, "Stop")]
    [InlineData(4013, "Stop")]
    [InlineData(4014, "Stop")]
    [InlineData(4007, "Identify")]
    [InlineData(4009, "Identify")]
    [InlineData(4000, "Resume")]
    [InlineData(4008, "Resume")]
    [InlineData(1001, "Resume")]
    [InlineData(1006, "Resume")]
    [InlineData(null, "Resume")]
    public void A_close_code_stops_starts_anew_or_resumes(int? code, string expected)
    {
        Assert.Equal(expected, DiscordGatewayCloseCodes.Classify(code).ToString());
    }

    [Fact]
    public void The_stop_reasons_name_what_to_change_and_where()
    {
        Assert.Contains("Discord:BotToken", DiscordGatewayCloseCodes.StopReason(4004), StringComparison.Ordinal);
        var intent = DiscordGatewayCloseCodes.StopReason(4014);
        Assert.Contains("Message Content Intent", intent, StringComparison.Ordinal);
        Assert.Contains("Developer Portal", intent, StringComparison.Ordinal);
        Assert.Contains("Discord:Gateway:Enabled", intent, StringComparison.Ordinal);
        Assert.Contains("Discord:Gateway:ShardCount", DiscordGatewayCloseCodes.StopReason(4011), StringComparison.Ordinal);
    }

    [Fact]
    public void The_bot_asks_for_guilds_guild_messages_and_message_content_only()
    {
        Assert.Equal(33281, DiscordGatewayIntents.Requested);
    }

    [Fact]
    public void At_most_120_messages_go_in_any_60_seconds()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
        var limiter = new DiscordGatewaySendLimiter(clock);
        for (var i = 0; i < 120; i++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.WaitBeforeNext());
            limiter.Record();
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        // The first went 12 s ago: the 121st waits until it is 60 s old.
        Assert.Equal(TimeSpan.FromSeconds(48), limiter.WaitBeforeNext());
        clock.Advance(TimeSpan.FromSeconds(48));
        Assert.Equal(TimeSpan.Zero, limiter.WaitBeforeNext());
        limiter.Record();
        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.WaitBeforeNext());
    }

    [Fact]
    public async Task TakeAsync_waits_on_the_clock_when_the_window_is_full()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
        var limiter = new DiscordGatewaySendLimiter(clock, limit: 2);
        await limiter.TakeAsync(CancellationToken.None);
        await limiter.TakeAsync(CancellationToken.None);

        var third = limiter.TakeAsync(CancellationToken.None);
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(60));
        await third.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("""{"op":10,"d":{"heartbeat_interval":41250},"s":null,"t":null}""", 10, null, null)]
    [InlineData("""{"op":0,"d":{"id":"1"},"s":42,"t":"MESSAGE_CREATE"}""", 0, 42L, "MESSAGE_CREATE")]
    [InlineData("""{"op":11}""", 11, null, null)]
    public void A_gateway_payload_parses(string json, int op, long? sequence, string? eventName)
    {
        Assert.True(DiscordGatewayPayload.TryParse(Encoding.UTF8.GetBytes(json), out var payload));
        Assert.Equal((op, sequence, eventName), (payload!.Op, payload.Sequence, payload.EventName));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"d":{}}""")]
    [InlineData("""{"op":"ten"}""")]
    [InlineData("")]
    public void A_payload_that_is_not_a_gateway_message_is_refused_without_throwing(string text)
    {
        Assert.False(DiscordGatewayPayload.TryParse(Encoding.UTF8.GetBytes(text), out var payload));
        Assert.Null(payload);
    }

    [Fact]
    public void HELLO_gives_the_heartbeat_interval()
    {
        Assert.True(DiscordGatewayPayload.TryParse("""{"op":10,"d":{"heartbeat_interval":41250}}"""u8, out var hello));
        Assert.Equal(TimeSpan.FromMilliseconds(41250), hello!.HeartbeatInterval);
        Assert.True(DiscordGatewayPayload.TryParse("""{"op":10,"d":null}"""u8, out var empty));
        Assert.Null(empty!.HeartbeatInterval);
    }

    [Fact]
    public void A_session_keeps_the_last_sequence_and_forgets_everything_on_reset()
    {
        var session = new DiscordGatewaySession();
        Assert.False(session.CanResume);

        session.Started("abc", new Uri("wss://resume.example.test"));
        session.Received(5);
        session.Received(null);

        Assert.True(session.CanResume);
        Assert.Equal(5, session.Sequence);
        session.Reset();
        Assert.Equal((false, null), (session.CanResume, session.Sequence));
    }
}
