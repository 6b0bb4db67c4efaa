using CryptoDigest.Chat;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Orchestration;
using CryptoDigest.Replies;

namespace CryptoDigest.IntegrationTests.Orchestration;

/// <summary>
/// Computed index answers and /security check have per-member and per-chat hourly limits of their own, like
/// model answers (docs/model-limits.md); the knowledge answers of the same commands stay unlimited.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ComputedAnswerLimitTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_member_past_the_index_limit_is_told_when_to_ask_again_also_through_ask_and_knowledge_answers_go_on()
    {
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), new Dictionary<string, string?>
        {
            ["Market:AnswersPerMemberPerHour"] = "2",
        });

        var first = await AskAsync(app, "user-1", "/index weights top5");
        var second = await AskAsync(app, "user-1", "/ask how concentrated is the top 5?");
        var refused = await AskAsync(app, "user-1", "/index compare top5");
        var knowledge = await AskAsync(app, "user-1", "/index why market cap weighting");
        var otherMember = await AskAsync(app, "user-2", "/index weights top5");
        app.Time.Advance(TimeSpan.FromMinutes(30));
        var later = await AskAsync(app, "user-1", "/index weights top5");

        Assert.All([first, second, otherMember, later], r => Assert.StartsWith("Top 5", r.Blocks[0].Heading ?? string.Empty, StringComparison.Ordinal));
        // Two an hour: the next one is half an hour away.
        Assert.Equal("You've asked a lot just now; try again in 30 min.", Assert.Single(refused.Blocks).Text);
        Assert.Equal(AnswerLimits.Refusal(TimeSpan.FromMinutes(30)), refused.Blocks[0].Text);
        Assert.Contains(knowledge.Blocks, b => b.Citations.Count > 0);
    }

    [Fact]
    public async Task A_chat_past_its_link_check_limit_refuses_every_member_in_it_but_not_other_chats()
    {
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), new Dictionary<string, string?>
        {
            ["LinkCheck:ChecksPerChatPerHour"] = "2",
        });

        await AskAsync(app, "user-1", "/security check binance.com");
        await AskAsync(app, "user-2", "/security check binance-support.example.com metamask.io");
        var refused = await AskAsync(app, "user-3", "/security check binance.com");
        var elsewhere = await AskAsync(app, "user-3", "/security check binance.com", chat: "chat-2");
        var question = await AskAsync(app, "user-3", "/security how do I store bitcoin safely");

        Assert.Equal(AnswerLimits.Refusal(TimeSpan.FromMinutes(30)), Assert.Single(refused.Blocks).Text);
        Assert.Contains("binance.com", PlainTextRenderer.Render(elsewhere), StringComparison.Ordinal);
        Assert.DoesNotContain("try again in", PlainTextRenderer.Render(elsewhere), StringComparison.Ordinal);
        Assert.Contains(question.Blocks, b => b.Citations.Count > 0);
    }

    [Theory]
    [InlineData(1, "1 s")]
    [InlineData(119, "119 s")]
    [InlineData(120, "2 min")]
    [InlineData(1201, "21 min")]
    public void The_refusal_says_when_in_seconds_then_minutes_rounded_up(int seconds, string when) =>
        Assert.Equal($"You've asked a lot just now; try again in {when}.", AnswerLimits.Refusal(TimeSpan.FromSeconds(seconds)));

    private static Task<ChatReply> AskAsync(TestApp app, string user, string text, string chat = "chat-1") =>
        app.Get<ChatRouter>().HandleAsync(
            ChatRequest.FromText(ChatPlatform.Telegram, chat, user, false, ChatCommandParser.Parse(text)),
            CancellationToken.None);
}
