using System.Diagnostics;
using CryptoDigest.Briefs;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.Benchmarks;

/// <summary>
/// Issue 4: what an edition costs in model calls as subscriptions grow. K new articles, S subscriptions;
/// compose once (BriefComposer), then serve every subscription through the delivery engine
/// (dispatch + deliver, with a channel that only counts). Expected: K + 1 calls whatever S.
/// </summary>
public static class ModelCallsScenario
{
    public static readonly string[] Known = ["sizes", "articles"];

    public static async Task<int> RunAsync(Options options, PostgresServer postgres, TextWriter output)
    {
        var sizes = options.Sizes("sizes", [1, 100, 10_000], 1, 1_000_000);
        var articles = options.Int("articles", 20, 1, 500);
        await output.WriteLineAsync($"model-calls: {articles} new articles, subscriptions {string.Join(", ", sizes)}; model: OpenAI-compatible stand-in on loopback; storage: PostgreSQL on loopback\n");

        var table = new Table("subscriptions", "new articles", "model calls: compose", "model calls: serving", "model calls", "calls per article", "expected (K+1)", "briefs served", "compose s", "serve s");
        var ok = true;
        foreach (var size in sizes)
        {
            await using var model = await ModelStandIn.StartAsync();
            for (var i = 0; i < articles; i++)
            {
                model.EnqueueAnswer($"Summary {i + 1}: the newsletter's main point in two sentences. Nothing more.");
            }

            model.EnqueueAnswer("Markets were calm; flows, miners and macro led the newsletters today. Not financial advice.");
            // Spares, so that any extra call would be answered (and counted) rather than fail and be retried.
            for (var i = 0; i < articles + 1; i++)
            {
                model.EnqueueAnswer("An extra answer nobody should have asked for.");
            }

            var channel = new CountingBriefChannel();
            await using var app = await BenchApp.StartAsync(
                await postgres.CreateDatabaseAsync(Report.DatabaseName("model_calls", size)),
                new Dictionary<string, string?> { ["AI:Endpoint"] = model.BaseUrl.ToString(), ["AI:Model"] = "bench-model" },
                (services, _) => services.AddSingleton<IBriefChannel>(channel),
                LogLevel.Error);
            await app.SeedArticlesAsync(articles);
            await app.SeedSubscriptionsAsync(size, firstChatId: 1_000_000);

            var started = Stopwatch.GetTimestamp();
            var edition = await app.Get<BriefComposer>().ComposeAsync(CancellationToken.None);
            var composeTime = Stopwatch.GetElapsedTime(started);
            var composeCalls = model.Requests.Count;

            started = Stopwatch.GetTimestamp();
            await app.Get<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None);
            await app.Get<BriefDeliverer>().DeliverDueAsync(CancellationToken.None);
            var serveTime = Stopwatch.GetElapsedTime(started);
            var calls = model.Requests.Count;

            var (byStatus, _) = await app.DeliveryTotalsAsync();
            var served = byStatus.GetValueOrDefault(DeliveryStatus.Sent);
            var items = BriefComposer.Read(edition).Items.Count;
            ok &= calls == articles + 1 && served == size && channel.PartsByChat.Count == size && items > 0;
            table.Add(size, articles, composeCalls, calls - composeCalls, calls, (double)calls / articles, articles + 1, served, composeTime, serveTime);
            Report.Logs(app.Logs, output);
        }

        await output.WriteLineAsync(table.ToString());
        await output.WriteLineAsync(ok
            ? "Every subscription was served the one edition; model calls stayed at K + 1."
            : "MISMATCH: model calls differ from K + 1, or not every subscription was served (see the table).");
        return ok ? 0 : 1;
    }
}
