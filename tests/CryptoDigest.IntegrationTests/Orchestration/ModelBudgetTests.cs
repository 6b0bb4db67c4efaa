using CryptoDigest.Ai;
using CryptoDigest.Chat;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Orchestration;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;

namespace CryptoDigest.IntegrationTests.Orchestration;

/// <summary>
/// The daily budget's reserve for the brief and summaries (AI:BriefReserveTokens), and calls whose provider
/// reports no usage, counted at the model stand-in and in the ModelUsage table (docs/model-limits.md).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ModelBudgetTests(PostgresFixture postgres) : IAsyncLifetime
{
    private ModelStandIn _model = null!;

    public async Task InitializeAsync() => _model = await ModelStandIn.StartAsync();

    public async Task DisposeAsync() => await _model.DisposeAsync();

    [Fact]
    public async Task Member_answers_stop_at_the_brief_reserve_while_the_brief_may_still_spend_it()
    {
        await using var app = await StartAsync(("AI:DailyTokenBudget", "1000"), ("AI:BriefReserveTokens", "400"));
        await RecordUsageAsync(app, 450);
        _model.EnqueueAnswer("Below the line.");
        var answered = await AskAsync(app, "/ask what is rebalancing");

        // 450 + 150 = 600: the answers' share (1,000 less the 400 reserved) is used up.
        var offline = await AskAsync(app, "/ask what is rebalancing");

        Assert.Equal("Below the line.", answered.Blocks[0].Text);
        Assert.Single(_model.Requests);
        Assert.Equal(ModelAnswerer.BudgetSpent, offline.Blocks[0].Text);
        Assert.True(await app.Get<ModelBudget>().IsSpentForAnswersAsync(CancellationToken.None));
        Assert.False(await app.Get<ModelBudget>().IsSpentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Without_a_reserve_setting_a_tenth_of_the_budget_is_kept()
    {
        await using var app = await StartAsync(("AI:DailyTokenBudget", "1000"));
        await RecordUsageAsync(app, 900);

        var offline = await AskAsync(app, "/ask what is rebalancing");

        Assert.Empty(_model.Requests);
        Assert.Equal(ModelAnswerer.BudgetSpent, offline.Blocks[0].Text);
        Assert.False(await app.Get<ModelBudget>().IsSpentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_provider_that_reports_no_usage_is_counted_by_an_estimate_and_spends_the_budget()
    {
        await using var app = await StartAsync(("AI:DailyTokenBudget", "300"), ("AI:BriefReserveTokens", "0"));
        _model.OmitUsage = true;
        _model.EnqueueAnswer(new string('x', 400));
        _model.EnqueueAnswer("Never asked for.");

        await AskAsync(app, "/ask what is rebalancing");
        var usage = await app.WithDbAsync(db => db.ModelUsage.ToListAsync());
        var offline = await AskAsync(app, "/ask what is rebalancing");

        var call = Assert.Single(usage);
        // The request (prompt, question, tool definitions) is thousands of characters; the answer at least 400.
        Assert.InRange(call.InputTokens, 300, int.MaxValue);
        Assert.InRange(call.OutputTokens, 100, 200);
        Assert.Equal("test-model", call.Model);
        Assert.Single(_model.Requests);
        Assert.Equal(ModelAnswerer.BudgetSpent, offline.Blocks[0].Text);
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

    private static async Task RecordUsageAsync(TestApp app, int tokens) =>
        await app.WithDbAsync(async db =>
        {
            var now = app.Time.GetUtcNow();
            db.ModelUsage.Add(new ModelUsage { Day = DateOnly.FromDateTime(now.UtcDateTime), Model = "test-model", InputTokens = tokens, OutputTokens = 0, CreatedAt = now });
            return await db.SaveChangesAsync();
        });

    private static Task<ChatReply> AskAsync(TestApp app, string text) =>
        app.Get<ChatRouter>().HandleAsync(
            ChatRequest.FromText(ChatPlatform.Telegram, "chat-1", "user-1", false, ChatCommandParser.Parse(text)),
            CancellationToken.None);
}
