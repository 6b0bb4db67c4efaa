using System.Globalization;
using CryptoDigest.Replies;

namespace CryptoDigest.Indices;

/// <summary>
/// Computed index answers for chat: every figure comes from <see cref="IndexWeights"/>,
/// <see cref="Backtest"/> and <see cref="Drawdown"/> on market data, shown in a fixed-width table
/// our code writes, with the data's date and source and the not-financial-advice line. No model
/// takes part. Bad input or missing data gets a one-line explanation, never an exception. Every answer states the
/// window it covers; a question about a past period is answered over that period when the data held covers it, and
/// otherwise says what the data covers instead of giving today's figures (docs/market-data.md, "Time in questions").
/// </summary>
public sealed class IndexAnswers(MarketData data, TimeProvider time)
{
    /// <summary>The cap used in /index compare when none is given.</summary>
    public const double DefaultComparisonCap = 25;

    /// <summary>
    /// The answer in <paramref name="texts"/>' language (English when null). The fixed-width tables and the chart's
    /// drawn labels stay English in every language (alignment, and the chart font has no Chinese); every figure and
    /// date is formatted by code the same way in every language.
    /// </summary>
    public async Task<ChatReply> AnswerAsync(IndexQuery query, CancellationToken cancellationToken, ReplyTexts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        texts ??= ReplyTexts.English;
        try
        {
            if (query.Period is { } period)
            {
                return await PastPeriodAsync(query, period, texts, cancellationToken);
            }

            return query.Kind switch
            {
                IndexQueryKind.Weights => await WeightsAsync(query.Top, query.WeightScheme, concentration: false, cancellationToken, texts),
                IndexQueryKind.Concentration => await WeightsAsync(query.Top, query.WeightScheme, concentration: true, cancellationToken, texts),
                IndexQueryKind.Compare => await CompareAsync(query, period: null, texts, cancellationToken),
                _ => await DrawdownAsync(query.Coin ?? "", query.Days, cancellationToken, texts),
            };
        }
        catch (IndexInputException ex)
        {
            return ChatReply.Text(texts.Format("Index.CannotCompute", ex.Message));
        }
    }

    public async Task<ChatReply> WeightsAsync(int top, WeightingScheme scheme, bool concentration, CancellationToken cancellationToken, ReplyTexts? texts = null)
    {
        texts ??= ReplyTexts.English;
        var markets = await data.GetMarketsAsync(cancellationToken, top);
        var report = WeightsReport.Compute(markets.Coins, top, scheme, data.Exclusions);
        var n = report.Constituents.Count;
        var largest = report.Constituents.MaxBy(c => c.Weight)!;
        var c = report.Concentration;
        var asOf = markets.Source.AsOf.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var summary = concentration
            ? texts.Format("Index.Concentration.Summary", largest.Coin.Name, IndexTables.Percent(largest.Weight), Hhi(c.Hhi), Effective(c.EffectiveN), n, asOf)
            : texts.Format("Index.Weights.Summary", largest.Coin.Name, IndexTables.Percent(largest.Weight), Describe(scheme, texts), n, asOf, Effective(c.EffectiveN));
        var blocks = new List<ReplyBlock>
        {
            new(Heading(texts.Format("Index.Weights.Heading", n, Describe(scheme, texts)), markets.Source, texts), summary),
            new(null, IndexTables.Weights(report).TrimEnd()) { Preformatted = true },
        };
        if (n < top)
        {
            blocks.Insert(1, new ReplyBlock(null, ShortOfTop(markets, top, n, texts)));
        }

        if (scheme.Kind == WeightingKind.Capped)
        {
            var uncapped = WeightsReport.Compute(markets.Coins, top, WeightingScheme.Cap, data.Exclusions);
            blocks.Add(new ReplyBlock(null, texts.Format("Index.Uncapped", uncapped.Constituents[0].Coin.Name, IndexTables.Percent(uncapped.Constituents[0].Weight),
                Hhi(uncapped.Concentration.Hhi), Effective(uncapped.Concentration.EffectiveN))));
        }

        return Finish(blocks, markets.Source, image: null, texts);
    }

    public Task<ChatReply> CompareAsync(IndexQuery query, CancellationToken cancellationToken, ReplyTexts? texts = null) =>
        CompareAsync(query, period: null, texts ?? ReplyTexts.English, cancellationToken);

    /// <summary>The backtests over the last query.Days days, or over <paramref name="period"/> when given (the caller checked the data covers its start).</summary>
    private async Task<ChatReply> CompareAsync(IndexQuery query, (DateOnly From, DateOnly To)? period, ReplyTexts texts, CancellationToken cancellationToken)
    {
        var top = query.Top;
        var (markets, histories, coins) = await BacktestUniverseAsync(top, period is { } p ? DaysBack(p.From) : query.Days, cancellationToken);
        var last = coins.Select(h => h.Prices.LastDate).Max() ?? throw new IndexInputException("there is no price history to backtest on");
        var first = coins.Select(h => h.Prices.FirstDate).Min()!.Value;
        var to = period is { } within && within.To < last ? within.To : last;
        var start = period?.From ?? to.AddDays(-query.Days);
        var from = start < first ? first : start;
        var capPercent = query.Scheme is { Kind: WeightingKind.Capped } chosen ? chosen.CapPercent : DefaultComparisonCap;
        // A cap the index cannot hold (top 3 at 25 %) is raised to the smallest that works.
        capPercent = Math.Max(capPercent, Math.Ceiling(100.0 / top));
        var capped = new WeightingScheme(WeightingKind.Capped, capPercent);

        var lines = new List<(string Name, BacktestResult Result)>();
        foreach (var scheme in new[] { WeightingScheme.Cap, WeightingScheme.Equal, capped })
        {
            lines.Add(($"{scheme}", Backtest.Run(coins, new BacktestRequest(top, scheme, query.Rebalance, from, to))));
        }

        var bitcoin = coins.FirstOrDefault(h => h.Id == "bitcoin");
        var benchmark = bitcoin is null ? null : Benchmark(bitcoin, from, to);
        var table = IndexTables.Figures([
            .. lines.Select(l => (l.Name, l.Result.Figures, (double?)l.Result.Turnover)),
            .. benchmark is null ? [] : new[] { ("BTC only", PerformanceFigures.Of(benchmark), (double?)null) },
        ]);
        var frequency = query.Rebalance.ToString().ToLowerInvariant();
        var span = IndexPeriod.Span(from, to, texts);
        var best = lines.MaxBy(l => l.Result.Figures.TotalReturn);
        var held = coins.Length;
        var blocks = new List<ReplyBlock>
        {
            new(Heading(texts.Format("Index.Compare.Heading", top, capped, texts["Index.Rebalancing." + query.Rebalance]), histories.Source, texts),
                texts.Format("Index.Compare.Summary", span, lines[0].Result.Figures.Days, best.Name, IndexTables.Percent(best.Result.Figures.TotalReturn))
                + (held < top ? " " + ShortOfTop(markets, top, held, texts) : string.Empty)),
            new(null, table.TrimEnd()) { Preformatted = true },
            new(null, texts["Index.Compare.Legend"]),
        };
        var chartLines = lines.Select(l => new ChartLine(l.Name, l.Result.Series)).ToList();
        if (benchmark is not null)
        {
            chartLines.Add(new ChartLine("BTC only", benchmark));
        }

        var caption = texts.Format("Index.Chart.Caption", top, span, histories.Source.Describe(texts));
        // The chart's own drawn text stays English: the bundled font has no Chinese glyphs.
        var png = IndexChart.Render($"Top {top}, {frequency} rebalancing", chartLines, histories.Source.Describe());
        return Finish(blocks, histories.Source, new ReplyImage(png, caption), texts);
    }

    public async Task<ChatReply> DrawdownAsync(string coin, int days, CancellationToken cancellationToken, ReplyTexts? texts = null)
    {
        texts ??= ReplyTexts.English;
        var markets = await data.GetMarketsAsync(cancellationToken, 250);
        var match = Find(markets.Coins, coin) ?? throw UnknownCoin(coin, markets, texts);
        var histories = await data.GetHistoriesAsync([match.Id], days, cancellationToken);
        var history = histories.Coins.FirstOrDefault(h => h.Id == match.Id)
            ?? throw new IndexInputException(texts.Format(histories.Source.IsSample ? "Index.NoHistory.Sample" : "Index.NoHistory.Data", match.Name));
        var prices = history.Prices.Points.Select(p => new DatedValue(p.Key, p.Value)).ToList();
        var window = prices[^1].Date.AddDays(-days);
        prices = prices.Where(p => p.Date >= window).ToList();
        var current = Drawdown.Current(prices);
        var worst = Drawdown.Maximum(prices);
        var peakPrice = prices.First(p => p.Date == current.Peak).Value;
        var symbol = match.Symbol.ToUpperInvariant();
        var table = string.Join('\n',
            Row("last price", Price(prices[^1].Value), $"{prices[^1].Date:yyyy-MM-dd}"),
            Row($"{days}-day high", Price(peakPrice), $"{current.Peak:yyyy-MM-dd}"),
            Row("below the high", IndexTables.Percent(current.Depth), ""),
            Row("worst drawdown", IndexTables.Percent(worst.Depth), $"{worst.Peak:yyyy-MM-dd} to {worst.Trough:yyyy-MM-dd}"));
        var span = IndexPeriod.Span(prices[0].Date, prices[^1].Date, texts);
        var summary = current.Depth < 0
            ? texts.Format("Index.Drawdown.Below", match.Name, symbol, IndexTables.Percent(-current.Depth), days, span)
            : texts.Format("Index.Drawdown.AtHigh", match.Name, symbol, days, span);
        var blocks = new List<ReplyBlock>
        {
            new(Heading(texts.Format("Index.Drawdown.Heading", symbol), histories.Source, texts), summary),
            new(null, table) { Preformatted = true },
        };
        return Finish(blocks, histories.Source, image: null, texts);
    }

    /// <summary>
    /// A question about a past period: computed over that period when the history held covers its start, otherwise a
    /// plain statement of the window the data covers. Never today's figures for it.
    /// </summary>
    private async Task<ChatReply> PastPeriodAsync(IndexQuery query, IndexPeriod period, ReplyTexts texts, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var dates = period.Dates(today);
        if (query.Kind is IndexQueryKind.Weights or IndexQueryKind.Concentration)
        {
            var markets = await data.GetMarketsAsync(cancellationToken, query.Top);
            var asOf = DateOnly.FromDateTime(markets.Source.AsOf.UtcDateTime);
            return ChatReply.Text(texts.Format("Index.Past.Weights", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), markets.Source.Describe(texts), period.Label));
        }

        if (query.Kind == IndexQueryKind.Drawdown)
        {
            return await PastDrawdownAsync(query.Coin ?? string.Empty, period, dates, texts, cancellationToken);
        }

        var (_, histories, coins) = await BacktestUniverseAsync(query.Top, dates is { } d ? DaysBack(d.From) : IndexQuery.MaxDays, cancellationToken);
        var first = coins.Select(h => h.Prices.FirstDate).Min();
        var last = coins.Select(h => h.Prices.LastDate).Max();
        if (dates is not { } window || first is null || last is null || window.From < first || window.From > last)
        {
            return Uncovered(period, coin: null, first, last, histories.Source, texts);
        }

        return await CompareAsync(query, window, texts, cancellationToken);
    }

    private async Task<ChatReply> PastDrawdownAsync(string coin, IndexPeriod period, (DateOnly From, DateOnly To)? dates, ReplyTexts texts, CancellationToken cancellationToken)
    {
        var markets = await data.GetMarketsAsync(cancellationToken, 250);
        var match = Find(markets.Coins, coin) ?? throw UnknownCoin(coin, markets, texts);
        var histories = await data.GetHistoriesAsync([match.Id], dates is { } d ? DaysBack(d.From) : IndexQuery.MaxDays, cancellationToken);
        var history = histories.Coins.FirstOrDefault(h => h.Id == match.Id);
        var (first, last) = (history?.Prices.FirstDate, history?.Prices.LastDate);
        if (history is null || dates is not { } window || first is null || last is null || window.From < first || window.From > last)
        {
            return Uncovered(period, match.Name, first, last, histories.Source, texts);
        }

        var prices = history.Prices.Points.Where(p => p.Key >= window.From && p.Key <= window.To).Select(p => new DatedValue(p.Key, p.Value)).ToList();
        var worst = Drawdown.Maximum(prices);
        var high = prices.MaxBy(p => p.Value);
        var symbol = match.Symbol.ToUpperInvariant();
        var span = IndexPeriod.Span(prices[0].Date, prices[^1].Date, texts);
        var summary = worst.Depth < 0
            ? texts.Format("Index.PastDrawdown.Fell", period.Label, span, match.Name, symbol, IndexTables.Percent(-worst.Depth), Day(worst.Peak), Day(worst.Trough))
            : texts.Format("Index.PastDrawdown.Never", period.Label, span, match.Name, symbol);
        var table = string.Join('\n',
            Row("first price", Price(prices[0].Value), $"{prices[0].Date:yyyy-MM-dd}"),
            Row("high", Price(high.Value), $"{high.Date:yyyy-MM-dd}"),
            Row("last price", Price(prices[^1].Value), $"{prices[^1].Date:yyyy-MM-dd}"),
            Row("worst drawdown", IndexTables.Percent(worst.Depth), $"{worst.Peak:yyyy-MM-dd} to {worst.Trough:yyyy-MM-dd}"));
        var blocks = new List<ReplyBlock>
        {
            new(Heading(texts.Format("Index.PastDrawdown.Heading", symbol, period.Label), histories.Source, texts), char.ToUpperInvariant(summary[0]) + summary[1..]),
            new(null, table) { Preformatted = true },
        };
        return Finish(blocks, histories.Source, image: null, texts);
    }

    /// <summary>The reply when the data held does not reach the period asked about: what it covers, and no figure for another time.</summary>
    /// <remarks>The examples stay as typed ("in 2025", "since March"): the parser reads periods in English in every language.</remarks>
    private static ChatReply Uncovered(IndexPeriod period, string? coin, DateOnly? first, DateOnly? last, MarketDataSource source, ReplyTexts texts)
    {
        var held = first is { } f && last is { } l
            ? coin is null ? texts.Format("Index.Uncovered.Held", IndexPeriod.Span(f, l, texts)) : texts.Format("Index.Uncovered.HeldCoin", coin, IndexPeriod.Span(f, l, texts))
            : coin is null ? texts["Index.Uncovered.None"] : texts.Format("Index.Uncovered.NoneCoin", coin);
        var why = period.Year is null && period.SinceMonth is null && period.SinceYear is null
            ? texts.Format("Index.Uncovered.Unclear", period.Label)
            : texts.Format("Index.Uncovered.Period", period.Label);
        var example = last is { } end ? texts.Format("Index.Uncovered.Examples", end.Year) : texts["Index.Uncovered.ExampleSince"];
        return ChatReply.Text(texts.Format("Index.Uncovered", held, source.Describe(texts), why, example));
    }

    /// <summary>Today's leaders and a few more, plus bitcoin for the benchmark (docs/market-data.md: survivorship), with their histories.</summary>
    private async Task<(MarketsSnapshot Markets, HistorySnapshot Histories, CoinHistory[] Coins)> BacktestUniverseAsync(int top, int days, CancellationToken cancellationToken)
    {
        var markets = await data.GetMarketsAsync(cancellationToken, top);
        var ids = MarketDocuments.Top(markets.Coins, top + 5, data.Exclusions).Select(c => c.Id).Append("bitcoin");
        var histories = await data.GetHistoriesAsync(ids, days, cancellationToken);
        return (markets, histories, histories.Coins.Where(h => !data.Exclusions.Excludes(h.Id)).ToArray());
    }

    // Days from a period's first day to today, the history window asked for (at most the longest a key can fetch).
    private int DaysBack(DateOnly from) =>
        Math.Clamp(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).DayNumber - from.DayNumber + 1, 2, IndexQuery.MaxDays);

    /// <summary>"The bundled sample holds 23 coins (19 after the exclusions), so this is a top 19, not a top 100."</summary>
    private static string ShortOfTop(MarketsSnapshot markets, int top, int held, ReplyTexts texts)
    {
        var after = held == markets.Coins.Count ? string.Empty : texts.Format("Index.ShortOfTop.After", held);
        return texts.Format(markets.Source.IsSample ? "Index.ShortOfTop.Sample" : "Index.ShortOfTop.Data", markets.Coins.Count, after, held, top);
    }

    /// <summary>
    /// One line of index context for the daily brief (Briefs:IndexLine): bitcoin's weight in the
    /// cap-weighted top 10 on the data's last date and its change since the day before, both from
    /// the daily market caps. Null when the data cannot give it: the brief goes out without it.
    /// </summary>
    public async Task<BriefIndexFigures?> BriefFiguresAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ComputeBriefFiguresAsync(cancellationToken);
        }
        catch (IndexInputException)
        {
            return null;
        }
    }

    private async Task<BriefIndexFigures?> ComputeBriefFiguresAsync(CancellationToken cancellationToken)
    {
        const int top = 10;
        var markets = await data.GetMarketsAsync(cancellationToken, top + 5);
        var ids = MarketDocuments.Top(markets.Coins, top + 5, data.Exclusions).Select(c => c.Id).Append("bitcoin");
        var histories = await data.GetHistoriesAsync(ids, 365, cancellationToken);
        var coins = histories.Coins.Where(h => !data.Exclusions.Excludes(h.Id)).ToArray();
        if (coins.Select(h => h.MarketCaps.LastDate).Max() is not { } last)
        {
            return null;
        }

        var today = BitcoinWeight(coins, last, top);
        var yesterday = BitcoinWeight(coins, last.AddDays(-1), top);
        if (today is null || yesterday is null)
        {
            return null;
        }

        return new BriefIndexFigures(today.Value, top, last, (today.Value - yesterday.Value) * 100, histories.Source);
    }

    /// <summary>Bitcoin's cap weight among the N largest by that date's market cap; null when bitcoin has no market cap that date.</summary>
    private static double? BitcoinWeight(IReadOnlyList<CoinHistory> coins, DateOnly date, int top)
    {
        var ranked = coins
            .Select(c => (c.Id, Cap: c.MarketCaps.TryGet(date, out var cap) && c.Prices.TryGet(date, out var price) && price > 0 ? cap : 0))
            .Where(c => c.Cap > 0)
            .OrderByDescending(c => c.Cap).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Take(top)
            .ToArray();
        var bitcoin = Array.FindIndex(ranked, c => c.Id == "bitcoin");
        return bitcoin < 0 ? null : IndexWeights.Compute(ranked.Select(c => c.Cap).ToArray(), WeightingScheme.Cap)[bitcoin];
    }

    /// <summary>Bitcoin alone, as an index: its price over its price at the start, a missing day carrying the last price.</summary>
    private static List<DatedValue> Benchmark(CoinHistory bitcoin, DateOnly from, DateOnly to)
    {
        var series = new List<DatedValue>();
        double? start = null;
        var last = double.NaN;
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            if (bitcoin.Prices.TryGet(date, out var price))
            {
                last = price;
            }

            if (double.IsNaN(last))
            {
                continue;
            }

            start ??= last;
            series.Add(new DatedValue(date, last / start.Value));
        }

        return series;
    }

    private static MarketCoin? Find(IReadOnlyList<MarketCoin> coins, string name)
    {
        var wanted = name.Trim().TrimStart('$');
        return coins.FirstOrDefault(c => string.Equals(c.Id, wanted, StringComparison.OrdinalIgnoreCase))
            ?? coins.Where(c => string.Equals(c.Symbol, wanted, StringComparison.OrdinalIgnoreCase)).MaxBy(c => c.MarketCap)
            ?? coins.FirstOrDefault(c => string.Equals(c.Name, wanted, StringComparison.OrdinalIgnoreCase));
    }

    private static ChatReply Finish(List<ReplyBlock> blocks, MarketDataSource source, ReplyImage? image, ReplyTexts texts)
    {
        blocks.Add(new ReplyBlock(null, source.Describe(texts) + ". " + texts["Index.Exclusions"]));
        blocks.Add(new ReplyBlock(null, texts["Brief.NotFinancialAdvice"]));
        return new ChatReply(blocks, image);
    }

    private static IndexInputException UnknownCoin(string coin, MarketsSnapshot markets, ReplyTexts texts) =>
        new(texts.Format("Index.UnknownCoin", coin.Length <= 30 ? coin : coin[..30], markets.Coins.Count));

    private static string Heading(string title, MarketDataSource source, ReplyTexts texts) => source.IsSample ? title + " " + texts["Index.SampleTag"] : title;

    private static string Describe(WeightingScheme scheme, ReplyTexts texts) => scheme.Kind switch
    {
        WeightingKind.Cap => texts["Index.Scheme.Cap"],
        WeightingKind.Equal => texts["Index.Scheme.Equal"],
        WeightingKind.Sqrt => texts["Index.Scheme.Sqrt"],
        _ => texts.Format("Index.Scheme.Capped", scheme.CapPercent.ToString("0.##", CultureInfo.InvariantCulture)),
    };

    // Figures go into the texts as strings formatted here, so no language's culture can change how one reads.
    private static string Hhi(double hhi) => hhi.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Effective(double n) => n.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Row(string label, string value, string note) => $"{label,-15} {value,12}  {note}".TrimEnd();

    private static string Price(double price) => "$" + price.ToString(price >= 100 ? "#,0.00" : price >= 1 ? "0.0000" : "0.########", CultureInfo.InvariantCulture);
}
