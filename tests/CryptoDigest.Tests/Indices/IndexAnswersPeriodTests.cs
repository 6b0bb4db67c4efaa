using CryptoDigest.Indices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CryptoDigest.Tests.Indices;

/// <summary>
/// Time in figure requests (docs/market-data.md, "Time in questions"), on the bundled sample (daily history from
/// 2025-11-30 to 2026-11-30, 23 coins on its markets page): a past period the data does not cover is said to be
/// uncovered, with the window it does cover, and never answered with today's figures.
/// </summary>
public class IndexAnswersPeriodTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));

    private static readonly IndexAnswers Answers = new(
        new MarketData(Options.Create(new MarketOptions()), new ServiceCollection().BuildServiceProvider(), Time, NullLogger<MarketData>.Instance),
        Time);

    [Fact]
    public async Task Ethereums_drop_in_2022_is_not_answered_with_todays_drawdown()
    {
        var text = await AskAsync("how much did ethereum drop from its peak in 2022");

        Assert.StartsWith("The Ethereum price history I hold covers 2025-11-30 to 2026-11-30 (Data: bundled SAMPLE data", text, StringComparison.Ordinal);
        Assert.Contains("so I can't compute figures for 2022", text, StringComparison.Ordinal);
        Assert.DoesNotContain("below its", text, StringComparison.Ordinal);
        Assert.DoesNotContain("%", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_index_in_the_2022_crash_is_not_answered_with_a_backtest_of_the_last_year()
    {
        var text = await AskAsync("did the value index hold up in the 2022 crash");

        Assert.StartsWith("The price history I hold covers 2025-11-30 to 2026-11-30", text, StringComparison.Ordinal);
        Assert.Contains("so I can't compute figures for 2022", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Backtest", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_named_episode_says_its_dates_cannot_be_told_from_the_data()
    {
        var text = await AskAsync("how did a top 10 index hold up in the last bear market");

        Assert.Contains("covers 2025-11-30 to 2026-11-30", text, StringComparison.Ordinal);
        Assert.Contains("which dates \"the last bear market\" means", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Backtest", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_period_the_history_covers_is_computed_over_that_period_and_says_so()
    {
        var text = await AskAsync("how far did eth fall from its peak since March");

        Assert.Contains("Since March (2026-03-01 to 2026-11-30): Ethereum (ETH) fell at most", text, StringComparison.Ordinal);
        Assert.Contains("first price", text, StringComparison.Ordinal);
        Assert.Contains("2026-03-01", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backtest_over_a_covered_year_runs_from_that_years_first_day_held()
    {
        var text = await AskAsync("how did an equal weight top 5 index perform in 2026");

        Assert.Contains("Backtest from 2026-01-01 to 2026-11-30", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_top_100_from_the_sample_says_it_is_a_smaller_top()
    {
        var text = await AskAsync("how much of a top 100 index is btc");

        Assert.Matches(@"The bundled sample holds 23 coins \(\d+ after the exclusions below\), so this is a top \d+, not a top 100\.", text);
        Assert.Contains("by market caps on 2026-11-30", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Todays_drawdown_states_the_window_of_prices_it_covers()
    {
        var text = await AskAsync("how far is ETH below its peak?");

        Assert.Contains("-day high (prices 2025-11-30 to 2026-11-30)", text, StringComparison.Ordinal);
    }

    private static async Task<string> AskAsync(string question)
    {
        var query = IndexQueryParser.Parse(question, out var error);
        Assert.Null(error);
        Assert.NotNull(query);
        return (await Answers.AnswerAsync(query, CancellationToken.None)).ToString();
    }
}
