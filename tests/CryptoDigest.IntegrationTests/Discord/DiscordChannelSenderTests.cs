using CryptoDigest.Briefs;
using CryptoDigest.Discord;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CryptoDigest.IntegrationTests.Discord;

/// <summary>
/// Channel posts with the bot token against the stand-in. Waits run on a fake clock that reports
/// each timer it starts, so "waited for retry_after" is shown by the order of events, not by timing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DiscordChannelSenderTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Channel = "1100000000000000042";
    private const string OtherChannel = "1100000000000000043";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private DiscordApiStandIn _discord = null!;
    private DiscordTestApp _app = null!;
    private SignallingClock _clock = null!;

    public async Task InitializeAsync()
    {
        _discord = await DiscordApiStandIn.StartAsync();
        _app = await DiscordTestApp.StartAsync(postgres, _discord, wrapClock: fake => _clock = new SignallingClock(fake));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _discord.DisposeAsync();
    }

    private DiscordChannelSender Sender => _app.Services.GetRequiredService<DiscordChannelSender>();

    private static string MessagesPath(string channel) => $"/api/v10/channels/{channel}/messages";

    [Fact]
    public async Task A_post_carries_the_bot_token_user_agent_json_nonce_and_no_mentions()
    {
        var result = await Sender.SendAsync(Channel, ChatReply.Text("Good morning"), "brief-2026-11-23", CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var post = Assert.Single(_discord.Requests);
        Assert.Equal(("POST", MessagesPath(Channel)), (post.Method, post.Path));
        Assert.Equal("Bot " + DiscordTestApp.BotToken, post.Header("Authorization"));
        Assert.Matches(@"^DiscordBot \(https?://\S+, \d+(\.\d+)*\)$", post.Header("User-Agent"));
        Assert.StartsWith("application/json", post.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("brief-2026-11-23", post.Json.GetProperty("nonce").GetString());
        Assert.True(post.Json.GetProperty("enforce_nonce").GetBoolean());
        Assert.Empty(post.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
        Assert.Single(result.MessageIds);
    }

    [Fact]
    public async Task A_chart_is_uploaded_as_a_file_and_shown_in_its_embed()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        var reply = new ChatReply([new ReplyBlock("Top 100 index", "Weights this week.")], new ReplyImage(png, "Cap weight vs equal weight, 2025"));

        var result = await Sender.SendAsync(Channel, reply, "brief-chart", CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var chart = _discord.Requests.Single(r => r.Files.Count > 0);
        Assert.StartsWith("multipart/form-data", chart.Header("Content-Type"), StringComparison.Ordinal);
        var file = Assert.Single(chart.Files);
        Assert.Equal(("files[0]", "chart.png", "image/png"), (file.Name, file.FileName, file.ContentType));
        Assert.Equal(png, file.Content);
        var embed = Assert.Single(chart.Json.GetProperty("embeds").EnumerateArray());
        Assert.Equal("attachment://chart.png", embed.GetProperty("image").GetProperty("url").GetString());
        Assert.Contains("Cap weight vs equal weight", embed.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("chart.png", chart.Json.GetProperty("attachments")[0].GetProperty("filename").GetString());
        Assert.Empty(chart.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
        Assert.Equal(2, result.MessageIds.Count);
    }

    [Fact]
    public async Task A_channel_post_hitting_429_is_sent_exactly_once_after_waiting_retry_after()
    {
        _discord.Script("POST", $"channels/{Channel}/messages", 429,
            """{"message": "You are being rate limited.", "retry_after": 1.5, "global": false}""",
            [("Retry-After", "2"), ("X-RateLimit-Scope", "user"), .. DiscordApiStandIn.ChannelLimitHeaders("0", "1.500")]);

        var sending = Sender.SendAsync(Channel, ChatReply.Text("Today's brief"), "brief-429", CancellationToken.None);
        await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(1.5));

        Assert.Single(_discord.Requests);
        Assert.False(sending.IsCompleted);
        _clock.Fake.Advance(TimeSpan.FromSeconds(1.5));
        var result = await sending.WaitAsync(Patience);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var posts = _discord.Requests;
        Assert.Equal(2, posts.Count);
        Assert.Equal(posts[0].Body, posts[1].Body);
        Assert.Single(result.MessageIds);
    }

    [Fact]
    public async Task An_exhausted_bucket_waits_for_its_reset_but_other_channels_do_not()
    {
        _discord.Script("POST", $"channels/{Channel}/messages", 200, """{"id": "1500000000000000001"}""", DiscordApiStandIn.ChannelLimitHeaders("0", "2.000"));
        await Sender.SendAsync(Channel, ChatReply.Text("first"), null, CancellationToken.None);

        var second = Sender.SendAsync(Channel, ChatReply.Text("second"), null, CancellationToken.None);
        await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        var elsewhere = await Sender.SendAsync(OtherChannel, ChatReply.Text("elsewhere"), null, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(SendOutcome.Sent, elsewhere.Outcome);
        Assert.DoesNotContain(_discord.Requests, r => r.Path == MessagesPath(Channel) && r.Body.Contains("second", StringComparison.Ordinal));
        _clock.Fake.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(SendOutcome.Sent, (await second.WaitAsync(Patience)).Outcome);
    }

    [Theory]
    [InlineData(403, """{"message": "Missing Access", "code": 50001}""", "Missing Access")]
    [InlineData(404, """{"message": "Unknown Channel", "code": 10003}""", "Unknown Channel")]
    public async Task A_channel_that_refuses_the_bot_has_its_subscription_deactivated_and_is_not_asked_again(int status, string body, string reason)
    {
        await AddSubscriptionAsync(Channel);
        await AddSubscriptionAsync(OtherChannel);
        _discord.Script("POST", $"channels/{Channel}/messages", status, body);

        // Through a delivery: the sender reports the refusal, the brief deliverer stops the subscription.
        await _app.Services.GetRequiredService<BriefDispatcher>().DispatchNowAsync(Channel, CancellationToken.None);
        await _app.Services.GetRequiredService<BriefDeliverer>().DeliverDueAsync(CancellationToken.None);

        var again = await Sender.SendAsync(Channel, ChatReply.Text("Tomorrow's brief"), "brief-gone-2", CancellationToken.None);

        Assert.Equal(SendOutcome.ChatGone, again.Outcome);
        Assert.Single(_discord.Requests);
        var store = _app.Services.GetRequiredService<SubscriptionStore>();
        var gone = await store.FindAsync(ChatPlatform.Discord, Channel, null, CancellationToken.None);
        Assert.False(gone!.Active);
        Assert.Contains(reason, gone.DeactivatedReason, StringComparison.Ordinal);
        Assert.True((await store.FindAsync(ChatPlatform.Discord, OtherChannel, null, CancellationToken.None))!.Active);
    }

    [Fact]
    public async Task A_missing_permission_fails_that_delivery_but_keeps_the_subscription_and_the_channel_is_asked_again()
    {
        await AddSubscriptionAsync(Channel);
        _discord.Script("POST", $"channels/{Channel}/messages", 403, """{"message": "Missing Permissions", "code": 50013}""");

        // Through a delivery: a server admin took a permission away (and may give it back); the channel is still there.
        await _app.Services.GetRequiredService<BriefDispatcher>().DispatchNowAsync(Channel, CancellationToken.None);
        await _app.Services.GetRequiredService<BriefDeliverer>().DeliverDueAsync(CancellationToken.None);

        var again = await Sender.SendAsync(Channel, ChatReply.Text("Tomorrow's brief"), "brief-kept-2", CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, again.Outcome);
        Assert.Equal(2, _discord.Requests.Count);
        var kept = await _app.Services.GetRequiredService<SubscriptionStore>().FindAsync(ChatPlatform.Discord, Channel, null, CancellationToken.None);
        Assert.True(kept!.Active);
    }

    [Fact]
    public async Task A_channel_that_refuses_the_bot_is_reported_gone_and_its_subscription_left_to_the_caller()
    {
        await AddSubscriptionAsync(Channel);
        _discord.Script("POST", $"channels/{Channel}/messages", 403, """{"message": "Missing Access", "code": 50001}""");

        var result = await Sender.SendAsync(Channel, ChatReply.Text("Today's brief"), "brief-gone", CancellationToken.None);

        Assert.Equal(SendOutcome.ChatGone, result.Outcome);
        Assert.Contains("Missing Access", result.Error, StringComparison.Ordinal);
        Assert.True((await _app.Services.GetRequiredService<SubscriptionStore>().FindAsync(ChatPlatform.Discord, Channel, null, CancellationToken.None))!.Active);
    }

    [Fact]
    public async Task A_rejected_bot_token_stops_every_further_bot_request()
    {
        _discord.Script("POST", $"channels/{Channel}/messages", 401, """{"message": "401: Unauthorized", "code": 0}""");

        var first = await Sender.SendAsync(Channel, ChatReply.Text("one"), null, CancellationToken.None);
        var second = await Sender.SendAsync(OtherChannel, ChatReply.Text("two"), null, CancellationToken.None);

        Assert.Equal(SendOutcome.Failed, first.Outcome);
        Assert.Equal(SendOutcome.Failed, second.Outcome);
        Assert.Single(_discord.Requests);
    }

    [Fact]
    public async Task A_reply_of_9000_characters_is_posted_as_several_messages_within_the_limits()
    {
        var text = string.Join(' ', Enumerable.Range(0, 1800).Select(i => $"w{i:D4}"))[..9000];

        var result = await Sender.SendAsync(Channel, new ChatReply([new ReplyBlock("Brief", text, [new Citation("Bankless")])]), "brief-long", CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var posts = _discord.Requests;
        Assert.InRange(posts.Count, 2, 10);
        Assert.Equal(posts.Count, result.MessageIds.Distinct().Count());
        foreach (var post in posts)
        {
            var embeds = post.Json.GetProperty("embeds").EnumerateArray().ToList();
            Assert.InRange(embeds.Count, 1, 10);
            var total = embeds.Sum(e => Length(e, "title") + Length(e, "description") + (e.TryGetProperty("footer", out var f) ? f.GetProperty("text").GetString()!.Length : 0));
            Assert.True(total <= 6000, $"{total} embed characters in one message");
            Assert.All(embeds, e => Assert.True(Length(e, "description") <= 4096));
            Assert.Empty(post.Json.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
        }

        Assert.Equal(posts.Count, posts.Select(p => p.Json.GetProperty("nonce").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task A_newsletter_item_containing_everyone_is_posted_without_pinging_anyone()
    {
        var item = new ReplyBlock("@everyone FREE AIRDROP", "Hey @everyone and @here: claim at [discord.com](https://evil.example.com) <@&1234567>", [new Citation("Milk Road @everyone", new Uri("https://milkroad.com/"))]);

        var result = await Sender.SendAsync(Channel, new ChatReply([item]), null, CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var post = Assert.Single(_discord.Requests);
        var allowed = post.Json.GetProperty("allowed_mentions");
        Assert.Empty(allowed.GetProperty("parse").EnumerateArray());
        Assert.False(allowed.TryGetProperty("roles", out _));
        Assert.False(allowed.TryGetProperty("users", out _));
        Assert.DoesNotContain("@everyone", post.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("@here", post.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("](https://evil.example.com)", post.Body, StringComparison.Ordinal);
    }

    private static int Length(System.Text.Json.JsonElement embed, string property) =>
        embed.TryGetProperty(property, out var value) ? value.GetString()!.Length : 0;

    private async Task AddSubscriptionAsync(string channel)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        db.Subscriptions.Add(new Subscription { Platform = nameof(ChatPlatform.Discord), ChatId = channel, DeliveryTime = new TimeOnly(8, 0), TimeZone = "UTC" });
        await db.SaveChangesAsync();
    }

    /// <summary>The fake clock, reporting each timer started on it (a wait the code under test began).</summary>
    private sealed class SignallingClock(FakeTimeProvider fake) : TimeProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<TimeSpan> _started = new();
        private readonly SemaphoreSlim _signal = new(0);

        public FakeTimeProvider Fake => fake;

        public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

        public override long GetTimestamp() => fake.GetTimestamp();

        public override long TimestampFrequency => fake.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = fake.CreateTimer(callback, state, dueTime, period);
            _started.Enqueue(dueTime);
            _signal.Release();
            return timer;
        }

        /// <summary>Waits for the code under test to start a wait of the given length.</summary>
        public async Task WaitForTimerAsync(TimeSpan dueTime)
        {
            while (await _signal.WaitAsync(Patience))
            {
                if (_started.TryDequeue(out var started) && started == dueTime)
                {
                    return;
                }
            }

            throw new TimeoutException($"No wait of {dueTime} was started.");
        }
    }
}
