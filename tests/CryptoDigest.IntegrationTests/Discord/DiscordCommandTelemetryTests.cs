using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Discord;

/// <summary>
/// A slash command's answer is counted in cryptodigest.messages.sent like Telegram's replies (one per message
/// Discord took, by outcome) and traced by one "command" span from the interaction's arrival to the answer's
/// last message, in the trace the interaction's request carried. Read with a MeterListener on this app's own
/// meter and an ActivityListener, through the real endpoint and the Discord stand-in.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DiscordCommandTelemetryTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string TestSourceName = "CryptoDigest.IntegrationTests.Discord";

    private static readonly ActivitySource TestSource = new(TestSourceName);

    private readonly ConcurrentQueue<(string Platform, string Outcome, long Count)> _sent = new();
    private readonly Channel<Activity> _spans = Channel.CreateUnbounded<Activity>();
    private DiscordApiStandIn _discord = null!;
    private MeterListener _meters = null!;
    private ActivityListener _activities = null!;

    public async Task InitializeAsync()
    {
        _discord = await DiscordApiStandIn.StartAsync();
        _activities = new ActivityListener
        {
            // ASP.NET Core's request activity continues the test's trace, so the bot's span can be found by it.
            // By name: the test's own source may be created only after this listener (static fields start lazily).
            ShouldListenTo = source => source.Name is BotTracing.SourceName or "Microsoft.AspNetCore" or TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == BotTracing.SourceName)
                {
                    _spans.Writer.TryWrite(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);
    }

    public async Task DisposeAsync()
    {
        _meters?.Dispose();
        _activities.Dispose();
        await _discord.DisposeAsync();
    }

    [Fact]
    public async Task A_deferred_answer_counts_its_edit_and_every_follow_up_and_one_span_covers_them()
    {
        // Arrange: a deadline of 0 defers every answer; /brief's edition is long enough for follow-ups.
        await using var app = await StartAsync(deferAfterMilliseconds: 0);
        using var test = TestSource.StartActivity("interaction")!;

        // Act
        using var response = await app.PostInteractionAsync(InteractionBuilder.Command("brief"));
        var span = await SpanOfAsync(test);

        // Assert: every message reached the stand-in inside the span's trace, and each is one "sent".
        var webhook = $"/api/v10/webhooks/{DiscordTestApp.ApplicationId}/{InteractionBuilder.Token}";
        var messages = _discord.Requests.Where(r => r.Path.StartsWith(webhook, StringComparison.Ordinal)).ToList();
        Assert.Equal(("PATCH", webhook + "/messages/@original"), (messages[0].Method, messages[0].Path));
        Assert.All(messages, m => Assert.Contains(span.TraceId.ToHexString(), m.Header("traceparent"), StringComparison.Ordinal));
        Assert.Equal(messages.Count, Sent("discord", "sent"));
        Assert.Equal(messages.Count, Sent());
        Assert.Equal(("brief", "discord"), (span.GetTagItem("command"), span.GetTagItem("platform")));
    }

    [Fact]
    public async Task An_inline_answer_counts_its_response_and_its_follow_ups()
    {
        // Arrange: the fake clock never reaches the deadline, so a ready answer goes inline.
        await using var app = await StartAsync();
        using var test = TestSource.StartActivity("interaction")!;

        // Act
        using var response = await app.PostInteractionAsync(InteractionBuilder.Command("help"));
        var span = await SpanOfAsync(test);

        // Assert: the HTTP response carried the first message, the stand-in got the rest.
        Assert.Equal(4, (await DiscordTestApp.JsonAsync(response)).GetProperty("type").GetInt32());
        var followUps = _discord.Requests.Count(r => r.Method == "POST" && r.Path.Contains("/webhooks/", StringComparison.Ordinal));
        Assert.Equal(1 + followUps, Sent("discord", "sent"));
        Assert.Equal("help", span.GetTagItem("command"));
    }

    [Fact]
    public async Task A_refusal_is_one_message_sent_in_a_span_of_its_own()
    {
        // Arrange
        await using var app = await StartAsync();
        using var test = TestSource.StartActivity("interaction")!;

        // Act: a member without Manage Channels may not set the channel's brief.
        using var response = await app.PostInteractionAsync(InteractionBuilder.Command("subscribe", InteractionBuilder.MemberPermissions, ("time", "08:00")));
        var span = await SpanOfAsync(test);

        // Assert
        Assert.Equal(64, (await DiscordTestApp.JsonAsync(response)).GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Equal(1, Sent("discord", "sent"));
        Assert.Equal(1, Sent());
        Assert.Equal("subscribe", span.GetTagItem("command"));
    }

    [Fact]
    public async Task An_edit_Discord_refuses_because_the_token_is_gone_is_one_failed_message_and_nothing_follows()
    {
        // Arrange: the interaction's token is gone by the time the deferred answer is ready (10015 Unknown Webhook).
        _discord.Script("PATCH", "webhooks/", 404, """{"message": "Unknown Webhook", "code": 10015}""");
        await using var app = await StartAsync(deferAfterMilliseconds: 0);
        using var test = TestSource.StartActivity("interaction")!;

        // Act
        using var response = await app.PostInteractionAsync(InteractionBuilder.Command("brief"));
        await SpanOfAsync(test);

        // Assert
        Assert.Equal(1, Sent("discord", "failed"));
        Assert.Equal(1, Sent());
        Assert.DoesNotContain(_discord.Requests, r => r.Method == "POST" && r.Path.Contains("/webhooks/", StringComparison.Ordinal));
    }

    private async Task<DiscordTestApp> StartAsync(int deferAfterMilliseconds = 2500)
    {
        var app = await DiscordTestApp.StartAsync(postgres, _discord, deferAfterMilliseconds);

        // Only this app's meter: other hosts in the test process have meters of the same name.
        var ours = app.Services.GetRequiredService<IMeterFactory>();
        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == ours && instrument.Name == "cryptodigest.messages.sent")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var labels = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString() ?? string.Empty);
            _sent.Enqueue((labels["platform"], labels["outcome"], value));
        });
        _meters.Start();
        return app;
    }

    /// <summary>The bot's command span in the test's trace, once it has ended (after the answer's last message).</summary>
    private async Task<Activity> SpanOfAsync(Activity test)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await foreach (var span in _spans.Reader.ReadAllAsync(timeout.Token))
            {
                if (span.TraceId == test.TraceId && span.OperationName == "command")
                {
                    return span;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Fail("The Discord command's span never ended in the test's trace.");
        return null!;
    }

    private long Sent(string? platform = null, string? outcome = null) =>
        _sent.Where(s => (platform is null || s.Platform == platform) && (outcome is null || s.Outcome == outcome)).Sum(s => s.Count);
}
