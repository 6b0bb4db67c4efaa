using CryptoDigest.Indices;
using CryptoDigest.Knowledge;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CryptoDigest.Tests.Indices;

/// <summary>
/// The model's read-only index tools on the bundled sample (history 2025-11-30 to 2026-11-30): every result states the
/// window its figures cover, and a past period the model passes on is read as a member's ("2022") and never answered
/// with today's figures.
/// </summary>
public class IndicesPluginTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));

    private static readonly IndicesPlugin Plugin = new(
        new KnowledgeSearch(KnowledgeBase.LoadEmbedded(), new KnowledgeVectors(KnowledgeBase.LoadEmbedded(), new WordsOnlyEmbedder()), new IndexedVocabulary()),
        new IndexAnswers(new MarketData(Options.Create(new MarketOptions()), new ServiceCollection().BuildServiceProvider(), Time, NullLogger<MarketData>.Instance), Time));

    [Fact]
    public async Task Each_computed_result_states_the_window_its_figures_cover()
    {
        var weights = await Plugin.WeightsAsync(10, "cap");
        var concentration = await Plugin.ConcentrationAsync(10);
        var drawdown = await Plugin.DrawdownAsync("eth", 90);
        var compare = await Plugin.CompareAsync(5, 90, "monthly");

        Assert.Contains("by market caps on 2026-11-30", weights.Summary, StringComparison.Ordinal);
        Assert.Contains("by market caps on 2026-11-30", concentration.Summary, StringComparison.Ordinal);
        Assert.Contains("(prices 2026-09-01 to 2026-11-30)", drawdown.Summary, StringComparison.Ordinal);
        Assert.Contains("Backtest from 2026-09-01 to 2026-11-30", compare.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_past_period_passed_by_the_model_is_never_answered_with_todays_figures()
    {
        var drawdown = await Plugin.DrawdownAsync("eth", 365, "in 2022");
        var compare = await Plugin.CompareAsync(10, 365, "monthly", "the 2022 crash");
        var weights = await Plugin.WeightsAsync(10, "cap", "2022");
        var since = await Plugin.DrawdownAsync("eth", 365, "since March");

        Assert.StartsWith("The Ethereum price history I hold covers 2025-11-30 to 2026-11-30", drawdown.Summary, StringComparison.Ordinal);
        Assert.Contains("so I can't compute figures for 2022", drawdown.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Backtest", compare.Summary, StringComparison.Ordinal);
        Assert.Contains("so I can't compute figures for 2022", compare.Summary, StringComparison.Ordinal);
        Assert.Contains("so I can't give them for 2022", weights.Summary, StringComparison.Ordinal);
        Assert.Contains("Since March (2026-03-01 to 2026-11-30)", since.Summary, StringComparison.Ordinal);
    }
}
