using System.Diagnostics.Metrics;
using CryptoDigest.Chat;
using CryptoDigest.Replies;
using CryptoDigest.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Tests.Telemetry;

/// <summary>The bot's instruments: their dotted names and units (which the Prometheus exporter turns into the documented series) and bounded tags.</summary>
public sealed class BotMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().AddSingleton<BotMetrics>().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, string? Unit, long Value, Dictionary<string, object?> Tags)> _measured = [];

    public BotMetricsTests()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        // Only this test's meter: other tests create meters of the same name from their own factories.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (_measured)
            {
                _measured.Add((instrument.Name, instrument.Unit, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        _listener.Start();
    }

    [Theory]
    [InlineData("help", "help")]
    [InlineData("HELP", "help")]
    [InlineData("", "ask")]
    [InlineData("made_up_12345", "unknown")]
    [InlineData("subscribe", "subscribe")]
    public void A_command_is_tagged_by_its_known_name_or_as_unknown(string typed, string tag)
    {
        Assert.Equal(tag, ChatCommands.MetricName(typed));
    }

    [Fact]
    public void Every_send_is_counted_by_platform_and_outcome_in_the_documented_words()
    {
        var metrics = _services.GetRequiredService<BotMetrics>();

        metrics.MessageSent(ChatPlatform.Telegram, SendOutcome.Sent, 3);
        metrics.MessageSent(ChatPlatform.Discord, SendOutcome.ChatGone);

        Assert.Equal(
            [("cryptodigest.messages.sent", "{message}", 3L, "telegram", "sent"), ("cryptodigest.messages.sent", "{message}", 1L, "discord", "chat_gone")],
            _measured.Select(m => (m.Instrument, m.Unit, m.Value, (string)m.Tags["platform"]!, (string)m.Tags["outcome"]!)));
    }

    [Fact]
    public void Commands_count_with_exactly_the_command_and_platform_tags()
    {
        var metrics = _services.GetRequiredService<BotMetrics>();

        metrics.CommandHandled(ChatCommands.MetricName("made_up"), ChatPlatform.Telegram);

        var measured = Assert.Single(_measured);
        Assert.Equal("cryptodigest.commands", measured.Instrument);
        Assert.Equal(["command", "platform"], measured.Tags.Keys.Order());
        Assert.Equal("unknown", measured.Tags["command"]);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }
}
