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

    public const string ExclusionNote = "Stablecoins and wrapped, bridged or staked tokens are left out of every index.";

    public async Task<ChatReply> AnswerAsync(IndexQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        try
        {
            if (query.Period is { } period)
            {
                return await PastPeriodAsync(query, period, cancellationToken);
            }

            return query.Kind switch
            {
                IndexQueryKind.Weights => await WeightsAsync(query.Top, query.WeightScheme, concentration: false, cancellationToken),
                IndexQueryKind.Concentration => await WeightsAsync(query.Top, query.WeightScheme, concentration: true, cancellationToken),
                IndexQueryKind.Compare => await CompareAsync(query, cancellationToken),
                _ => await DrawdownAsync(query.Coin ?? "", query.Days, cancellationToken),
            };
        }
        catch (IndexInputException ex)
        {
            return ChatReply.Text("I can't compute that: " + ex.Message + ".");
        }
    }

    public async Task<ChatReply> WeightsAsync(int top, WeightingScheme scheme, bool concentration, CancellationToken cancellationToken)
    {
        var markets = await data.GetMarketsAsync(cancellationToken, top);
        var report = WeightsReport.Compute(markets.Coins, top, scheme, data.Exclusions);
        var n = report.Constituents.Count;
        var largest = report.Constituents.MaxBy(c => c.Weight)!;
        var c = report.Concentration;
        var asOf = markets.Source.AsOf.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var summary = concentration
            ? string.Create(CultureInfo.InvariantCulture,
                $"The largest holding, {largest.Coin.Name}, is {IndexTables.Percent(largest.Weight)}. HHI {c.Hhi:0.0000}: as concentrated as {c.EffectiveN:0.00} equal holdings (of {n}), by market caps on {asOf}.")
            : string.Create(CultureInfo.InvariantCulture,
                $"{largest.Coin.Name} is {IndexTables.Percent(largest.Weight)} of a {Describe(scheme)} top {n} by market caps on {asOf}; the effective number of holdings is {c.EffectiveN:0.00}.");
        var blocks = new List<ReplyBlock>
        {
            new(Heading($"Top {n}, {Describe(scheme)}", markets.Source), summary),
            new(null, IndexTables.Weights(report).TrimEnd()) { Preformatted = true },
        };
        if (n < top)
        {
            blocks.Insert(1, new ReplyBlock(null, ShortOfTop(markets, top, n)));
        }

        if (scheme.Kind == WeightingKind.Capped)
        {
            var uncapped = WeightsReport.Compute(markets.Coins, top, WeightingScheme.Cap, data.Exclusions);
            blocks.Add(new ReplyBlock(null, string.Create(CultureInfo.InvariantCulture,
                $"Uncapped, {uncapped.Constituents[0].Coin.Name} would be {IndexTables.Percent(uncapped.Constituents[0].Weight)} (HHI {uncapped.Concentration.Hhi:0.0000}, effective N {uncapped.Concentration.EffectiveN:0.00}).")));
        }

        return Finish(blocks, markets.Source, image: null);
    }

    public Task<ChatReply> CompareAsync(IndexQuery query, CancellationToken cancellationToken) => CompareAsync(query, period: null, cancellationToken);

    /// <summary>The backtests over the last query.Days days, or over <paramref name="period"/> when given (the caller checked the data covers its start).</summary>
    private async Task<ChatReply> CompareAsync(IndexQuery query, (DateOnly From, DateOnly To)? period, CancellationToken cancellationToken)
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
        var span = string.Create(CultureInfo.InvariantCulture, $"{from:yyyy-MM-dd} to {to:yyyy-MM-dd}");
        var best = lines.MaxBy(l => l.Result.Figures.TotalReturn);
        var held = coins.Length;
        var blocks = new List<ReplyBlock>
        {
            new(Heading($"Top {top}: cap vs equal vs {capped}, {frequency} rebalancing", histories.Source),
                $"Backtest from {span} ({lines[0].Result.Figures.Days} daily values, start = 1, no costs). Best total return: {best.Name} at {IndexTables.Percent(best.Result.Figures.TotalReturn)}."
                + (held < top ? " " + ShortOfTop(markets, top, held) : string.Empty)),
            new(null, table.TrimEnd()) { Preformatted = true },
            new(null, "vol = annualized volatility (365 days); max dd = maximum drawdown; turnover = two-way, summed over the rebalances after the first. The universe is today's largest coins, so coins that dropped out of the top are missing (survivorship bias)."),
        };
        var chartLines = lines.Select(l => new ChartLine(l.Name, l.Result.Series)).ToList();
        if (benchmark is not null)
        {
            chartLines.Add(new ChartLine("BTC only", benchmark));
        }

        var caption = $"Top {top} index backtests, {span}. {histories.Source.Describe()}";
        var png = IndexChart.Render($"Top {top}, {frequency} rebalancing", chartLines, histories.Source.Describe());
        return Finish(blocks, histories.Source, new ReplyImage(png, caption));
    }

    public async Task<ChatReply> DrawdownAsync(string coin, int days, CancellationToken cancellationToken)
    {
        var markets = await data.GetMarketsAsync(cancellationToken, 250);
        var match = Find(markets.Coins, coin)
            ?? throw new IndexInputException($"I don't know a coin called \"{(coin.Length <= 30 ? coin : coin[..30])}\" among the {markets.Coins.Count} largest; try its symbol or CoinGecko id, e.g. eth or ethereum");
        var histories = await data.GetHistoriesAsync([match.Id], days, cancellationToken);
        var history = histories.Coins.FirstOrDefault(h => h.Id == match.Id)
            ?? throw new IndexInputException($"there is no price history for {match.Name} in {(histories.Source.IsSample ? "the bundled sample" : "the market data")}");
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
        var span = IndexPeriod.Span(prices[0].Date, prices[^1].Date);
        var summary = current.Depth < 0
            ? $"{match.Name} ({symbol}) is {IndexTables.Percent(-current.Depth)} below its {days}-day high (prices {span})."
            : $"{match.Name} ({symbol}) is at its {days}-day high (prices {span}).";
        var blocks = new List<ReplyBlock>
        {
            new(Heading($"{symbol} drawdown from its peak", histories.Source), summary),
            new(null, table) { Preformatted = true },
        };
        return Finish(blocks, histories.Source, image: null);
    }

    /// <summary>
    /// A question about a past period: computed over that period when the history held covers its start, otherwise a
    /// plain statement of the window the data covers. Never today's figures for it.
    /// </summary>
    private async Task<ChatReply> PastPeriodAsync(IndexQuery query, IndexPeriod period, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var dates = period.Dates(today);
        if (query.Kind is IndexQueryKind.Weights or IndexQueryKind.Concentration)
        {
            var markets = await data.GetMarketsAsync(cancellationToken, query.Top);
            var asOf = DateOnly.FromDateTime(markets.Source.AsOf.UtcDateTime);
            return ChatReply.Text($"Index weights here come from the latest market caps, on {asOf:yyyy-MM-dd} ({markets.Source.Describe()}), so I can't give them for {period.Label}; "
                + "I won't answer a question about another time with today's weights. /index weights shows today's.");
        }

        if (query.Kind == IndexQueryKind.Drawdown)
        {
            return await PastDrawdownAsync(query.Coin ?? string.Empty, period, dates, cancellationToken);
        }

        var (_, histories, coins) = await BacktestUniverseAsync(query.Top, dates is { } d ? DaysBack(d.From) : IndexQuery.MaxDays, cancellationToken);
        var first = coins.Select(h => h.Prices.FirstDate).Min();
        var last = coins.Select(h => h.Prices.LastDate).Max();
        if (dates is not { } window || first is null || last is null || window.From < first || window.From > last)
        {
            return Uncovered(period, "price history", first, last, histories.Source);
        }

        return await CompareAsync(query, window, cancellationToken);
    }

    private async Task<ChatReply> PastDrawdownAsync(string coin, IndexPeriod period, (DateOnly From, DateOnly To)? dates, CancellationToken cancellationToken)
    {
        var markets = await data.GetMarketsAsync(cancellationToken, 250);
        var match = Find(markets.Coins, coin)
            ?? throw new IndexInputException($"I don't know a coin called \"{(coin.Length <= 30 ? coin : coin[..30])}\" among the {markets.Coins.Count} largest; try its symbol or CoinGecko id, e.g. eth or ethereum");
        var histories = await data.GetHistoriesAsync([match.Id], dates is { } d ? DaysBack(d.From) : IndexQuery.MaxDays, cancellationToken);
        var history = histories.Coins.FirstOrDefault(h => h.Id == match.Id);
        var (first, last) = (history?.Prices.FirstDate, history?.Prices.LastDate);
        if (history is null || dates is not { } window || first is null || last is null || window.From < first || window.From > last)
        {
            return Uncovered(period, $"{match.Name} price history", first, last, histories.Source);
        }

        var prices = history.Prices.Points.Where(p => p.Key >= window.From && p.Key <= window.To).Select(p => new DatedValue(p.Key, p.Value)).ToList();
        var worst = Drawdown.Maximum(prices);
        var high = prices.MaxBy(p => p.Value);
        var symbol = match.Symbol.ToUpperInvariant();
        var span = IndexPeriod.Span(prices[0].Date, prices[^1].Date);
        var summary = worst.Depth < 0
            ? $"{period.Label} ({span}): {match.Name} ({symbol}) fell at most {IndexTables.Percent(-worst.Depth)} from a peak, from {worst.Peak:yyyy-MM-dd} to {worst.Trough:yyyy-MM-dd}."
            : $"{period.Label} ({span}): {match.Name} ({symbol}) never fell below an earlier high.";
        var table = string.Join('\n',
            Row("first price", Price(prices[0].Value), $"{prices[0].Date:yyyy-MM-dd}"),
            Row("high", Price(high.Value), $"{high.Date:yyyy-MM-dd}"),
            Row("last price", Price(prices[^1].Value), $"{prices[^1].Date:yyyy-MM-dd}"),
            Row("worst drawdown", IndexTables.Percent(worst.Depth), $"{worst.Peak:yyyy-MM-dd} to {worst.Trough:yyyy-MM-dd}"));
        var blocks = new List<ReplyBlock>
        {
            new(Heading($"{symbol} drawdown, {period.Label}", histories.Source), char.ToUpperInvariant(summary[0]) + summary[1..]),
            new(null, table) { Preformatted = true },
        };
        return Finish(blocks, histories.Source, image: null);
    }

    /// <summary>The reply when the data held does not reach the period asked about: what it covers, and no figure for another time.</summary>
    private static ChatReply Uncovered(IndexPeriod period, string what, DateOnly? first, DateOnly? last, MarketDataSource source)
    {
        var held = first is { } f && last is { } l ? $"The {what} I hold covers {IndexPeriod.Span(f, l)}" : $"I hold no {what}";
        var why = period.Year is null && period.SinceMonth is null && period.SinceYear is null
            ? $"and I can't tell from the data which dates \"{period.Label}\" means"
            : $"so I can't compute figures for {period.Label}";
        var example = last is { } end ? $"\"in {end.Year}\" or \"since March\"" : "\"since March\"";
        return ChatReply.Text($"{held} ({source.Describe()}), {why}. I won't answer a question about another time with today's figures: "
            + $"ask about a period inside that window ({example}), or use /index for today's.");
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
    private static string ShortOfTop(MarketsSnapshot markets, int top, int held)
    {
        var holder = markets.Source.IsSample ? "The bundled sample" : "The market data I hold";
        var after = held == markets.Coins.Count ? string.Empty : $" ({held} after the exclusions below)";
        return $"{holder} holds {markets.Coins.Count} coins{after}, so this is a top {held}, not a top {top}.";
    }

    /// <summary>
    /// One line of index context for the daily brief (Briefs:IndexLine): bitcoin's weight in the
    /// cap-weighted top 10 on the data's last date and its change since the day before, both from
    /// the daily market caps. Null when the data cannot give it: the brief goes out without it.
    /// </summary>
    public async Task<string?> BriefLineAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ComputeBriefLineAsync(cancellationToken);
        }
        catch (IndexInputException)
        {
            return null;
        }
    }

    private async Task<string?> ComputeBriefLineAsync(CancellationToken cancellationToken)
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

        var change = (today.Value - yesterday.Value) * 100;
        return string.Create(CultureInfo.InvariantCulture,
            $"Index: Bitcoin is {IndexTables.Percent(today.Value)} of a cap-weighted top {top} on {last:yyyy-MM-dd}, {change:+0.00;-0.00;0.00} points since the day before ({histories.Source.Describe()}).");
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

    private static ChatReply Finish(List<ReplyBlock> blocks, MarketDataSource source, ReplyImage? image)
    {
        blocks.Add(new ReplyBlock(null, source.Describe() + ". " + ExclusionNote));
        blocks.Add(new ReplyBlock(null, KnowledgeReplyFormatter.NotFinancialAdvice));
        return new ChatReply(blocks, image);
    }

    private static string Heading(string title, MarketDataSource source) => source.IsSample ? title + " [sample data]" : title;

    private static string Describe(WeightingScheme scheme) => scheme.Kind switch
    {
        WeightingKind.Cap => "cap-weighted",
        WeightingKind.Equal => "equal-weighted",
        WeightingKind.Sqrt => "square-root-weighted",
        _ => $"cap-weighted (capped at {scheme.CapPercent.ToString("0.##", CultureInfo.InvariantCulture)} %)",
    };

    private static string Row(string label, string value, string note) => $"{label,-15} {value,12}  {note}".TrimEnd();

    private static string Price(double price) => "$" + price.ToString(price >= 100 ? "#,0.00" : price >= 1 ? "0.0000" : "0.########", CultureInfo.InvariantCulture);
}
