using System.Text.RegularExpressions;
using CryptoDigest.Chat;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Orchestration;
using CryptoDigest.Replies;

namespace CryptoDigest.IntegrationTests.Orchestration;

/// <summary>
/// The spend limits on model answers (docs/model-limits.md), counted at the model stand-in: answers per
/// member and per chat per hour, answers that need no model left alone, and the tool-call cap per question.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class AnswerLimitTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string SecuritySearch = "Security-search_security_knowledge";
    private ModelStandIn _model = null!;

    public async Task InitializeAsync() => _model = await ModelStandIn.StartAsync();

    public async Task DisposeAsync() => await _model.DisposeAsync();

    [Fact]
    public async Task A_member_past_the_hourly_limit_is_told_when_to_try_again_and_the_model_is_not_called()
    {
        await using var app = await StartAsync(("AI:AnswersPerMemberPerHour", "3"));
        for (var i = 0; i < 3; i++)
        {
            _model.EnqueueAnswer($"Answer {i}.");
            Assert.Equal($"Answer {i}.", (await AskAsync(app, "user-1", "/ask what is rebalancing")).Blocks[0].Text);
        }

        var refused = await AskAsync(app, "user-1", "/ask what is rebalancing");

        Assert.Equal(3, _model.Requests.Count);
        // One answer back per 20 minutes: the next one is 1,200 s away, as nothing of that period has passed.
        Assert.Equal(ModelAnswerer.RateLimited(1200), Assert.Single(refused.Blocks).Text);

        app.Time.Advance(TimeSpan.FromMinutes(15));
        var stillRefused = await AskAsync(app, "user-1", "/ask what is rebalancing");
        Assert.Equal(ModelAnswerer.RateLimited(300), Assert.Single(stillRefused.Blocks).Text);

        _model.EnqueueAnswer("Another member is answered.");
        Assert.Equal("Another member is answered.", (await AskAsync(app, "user-2", "/ask what is rebalancing")).Blocks[0].Text);

        app.Time.Advance(TimeSpan.FromMinutes(5));
        _model.EnqueueAnswer("Back again.");
        Assert.Equal("Back again.", (await AskAsync(app, "user-1", "/ask what is rebalancing")).Blocks[0].Text);
        Assert.Equal(5, _model.Requests.Count);
    }

    [Fact]
    public async Task A_chat_past_its_hourly_limit_refuses_every_member_in_it_but_not_other_chats()
    {
        await using var app = await StartAsync(("AI:AnswersPerChatPerHour", "2"));
        _model.EnqueueAnswer("One.");
        _model.EnqueueAnswer("Two.");
        await AskAsync(app, "user-1", "/ask what is rebalancing");
        await AskAsync(app, "user-2", "/ask what is rebalancing");

        var refused = await AskAsync(app, "user-3", "/ask what is rebalancing");
        _model.EnqueueAnswer("Elsewhere.");
        var elsewhere = await AskAsync(app, "user-3", "/ask what is rebalancing", chat: "chat-2");

        Assert.Matches(RateLimitedReply(), Assert.Single(refused.Blocks).Text);
        Assert.Equal("Elsewhere.", elsewhere.Blocks[0].Text);
        Assert.Equal(3, _model.Requests.Count);
    }

    [Fact]
    public async Task Answers_that_need_no_model_are_never_limited()
    {
        await using var app = await StartAsync(("AI:AnswersPerMemberPerHour", "1"), ("AI:AnswersPerChatPerHour", "1"));
        var replies = new List<ChatReply>();
        for (var i = 0; i < 5; i++)
        {
            replies.Add(await AskAsync(app, "user-1", "/security how do I store bitcoin safely"));
            replies.Add(await AskAsync(app, "user-1", "/index why market cap weighting"));
        }

        Assert.Empty(_model.Requests);
        Assert.All(replies, r => Assert.DoesNotMatch(RateLimitedReply(), PlainTextRenderer.Render(r)));
        Assert.All(replies, r => Assert.Contains(r.Blocks, b => b.Citations.Count > 0));
    }

    [Fact]
    public async Task After_the_tool_call_cap_the_model_is_asked_once_more_with_tools_off_and_its_answer_is_sent()
    {
        await using var app = await StartAsync();
        for (var i = 0; i < 4; i++)
        {
            _model.EnqueueToolCall(SecuritySearch, new { question = $"exchange safety {i}" });
        }

        _model.EnqueueAnswer("Keep long-term holdings in self-custody.");

        var reply = await AskAsync(app, "user-1", "/ask is it safe to keep my coins on an exchange?");

        // The default cap (4): four round trips with tools, then one request in which no tool may be called.
        Assert.Equal(5, _model.Requests.Count);
        Assert.All(_model.Requests.Take(4), r => Assert.Equal("auto", (string?)r["tool_choice"]));
        Assert.Equal("none", (string?)_model.Requests[4]["tool_choice"]);
        Assert.Equal(4, _model.Requests[4]["messages"]!.AsArray().Count(m => (string?)m!["role"] == "tool"));
        Assert.Equal("Keep long-term holdings in self-custody.", reply.Blocks[0].Text);
        Assert.Contains(reply.Blocks[0].Citations, c => c.Title.StartsWith("Token Metrics, \"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Calls_past_the_cap_in_one_batch_are_not_run_and_every_call_gets_a_result()
    {
        await using var app = await StartAsync(("AI:MaxToolCallsPerQuestion", "1"));
        _model.EnqueueToolCalls(SecuritySearch, new { question = "phishing" }, new { question = "seed phrases" }, new { question = "2FA" });
        _model.EnqueueAnswer("Check every address.");

        var reply = await AskAsync(app, "user-1", "/ask how do I stay safe");

        Assert.Equal(2, _model.Requests.Count);
        var results = _model.Requests[1]["messages"]!.AsArray().Where(m => (string?)m!["role"] == "tool").Select(m => (string?)m!["content"]).ToList();
        Assert.Equal(3, results.Count);
        Assert.Equal(2, results.Count(r => r!.StartsWith("Not run:", StringComparison.Ordinal)));
        Assert.Equal("none", (string?)_model.Requests[1]["tool_choice"]);
        Assert.Equal("Check every address.", reply.Blocks[0].Text);
    }

    private async Task<TestApp> StartAsync(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["AI:Endpoint"] = _model.BaseUrl.ToString(),
            ["AI:Model"] = "test-model",
            ["AI:ApiKey"] = "test-key",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), all);
    }

    private static Task<ChatReply> AskAsync(TestApp app, string user, string text, string chat = "chat-1") =>
        app.Get<ChatRouter>().HandleAsync(
            ChatRequest.FromText(ChatPlatform.Telegram, chat, user, false, ChatCommandParser.Parse(text)),
            CancellationToken.None);

    [GeneratedRegex(@"^You've asked a lot just now; try again in \d+ (s|min)\.$")]
    private static partial Regex RateLimitedReply();
}
