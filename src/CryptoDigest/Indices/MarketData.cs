using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Indices;

/// <summary>A markets page and where it came from.</summary>
public sealed record MarketsSnapshot(IReadOnlyList<MarketCoin> Coins, MarketDataSource Source);

/// <summary>Daily histories and where they came from.</summary>
public sealed record HistorySnapshot(IReadOnlyList<CoinHistory> Coins, MarketDataSource Source);

/// <summary>
/// The market data index answers are computed from. With Market:ApiBaseUrl set: CoinGecko through
/// the cache (fresh entries reused, stale ones kept for when a fetch fails); when a fetch fails
/// with nothing cached, or with no API configured, the bundled sample, labelled as such, with the
/// reason. Never throws for the API's failures: a member always gets an answer.
/// </summary>
public sealed partial class MarketData(IOptions<MarketOptions> options, IServiceProvider services, TimeProvider time, ILogger<MarketData> logger)
{
    private const int PageSize = 250;

    public ExclusionList Exclusions => options.Value.Exclusions;

    /// <summary>Enough of the markets pages to hold the top <paramref name="top"/> coins after exclusions.</summary>
    public async Task<MarketsSnapshot> GetMarketsAsync(CancellationToken cancellationToken, int top = 100)
    {
        if (!options.Value.IsLive)
        {
            return SampleMarkets(null);
        }

        var coins = new List<MarketCoin>();
        var sources = new List<(MarketDataOrigin Origin, DateTimeOffset At, string? Note)>();
        try
        {
            for (var page = 1; page <= 5; page++)
            {
                var response = await GetAsync(
                    string.Create(CultureInfo.InvariantCulture, $"markets:usd:{PageSize}:{page}"),
                    TimeSpan.FromMinutes(options.Value.MarketsTtlMinutes),
                    client => client.GetMarketsPageAsync(page, PageSize, cancellationToken),
                    cancellationToken);
                var rows = MarketDocuments.ParseMarkets(response.Body, "CoinGecko's markets page");
                coins.AddRange(rows);
                sources.Add((response.Origin, response.At, response.Note));
                if (rows.Count < PageSize / 2 || coins.Count(c => !Exclusions.Excludes(c.Id)) >= top)
                {
                    break;
                }
            }
        }
        catch (MarketDataException ex)
        {
            LogFallback(logger, ex.Message);
            return SampleMarkets(ex.Message);
        }

        return new MarketsSnapshot(coins.DistinctBy(c => c.Id).ToArray(), Combine(sources));
    }

    /// <summary>The daily histories of these coins over the last <paramref name="days"/> days.</summary>
    public async Task<HistorySnapshot> GetHistoriesAsync(IEnumerable<string> ids, int days, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.Distinct(StringComparer.Ordinal).ToArray();
        if (!options.Value.IsLive)
        {
            return SampleHistories(wanted, null);
        }

        var coins = new List<CoinHistory>();
        var sources = new List<(MarketDataOrigin Origin, DateTimeOffset At, string? Note)>();
        try
        {
            foreach (var id in wanted)
            {
                var response = await GetAsync(
                    string.Create(CultureInfo.InvariantCulture, $"market_chart:usd:{id}:{days}"),
                    TimeSpan.FromHours(options.Value.HistoryTtlHours),
                    client => client.GetMarketChartAsync(id, days, cancellationToken),
                    cancellationToken);
                coins.Add(MarketDocuments.ParseMarketChart(id, response.Body));
                sources.Add((response.Origin, response.At, response.Note));
            }
        }
        catch (MarketDataException ex)
        {
            LogFallback(logger, ex.Message);
            return SampleHistories(wanted, ex.Message);
        }

        return new HistorySnapshot(coins, Combine(sources));
    }

    private async Task<(string Body, MarketDataOrigin Origin, DateTimeOffset At, string? Note)> GetAsync(
        string key, TimeSpan ttl, Func<CoinGeckoClient, Task<string>> fetch, CancellationToken cancellationToken)
    {
        var cache = services.GetRequiredService<MarketCache>();
        var cached = await cache.GetAsync(key, cancellationToken);
        var now = time.GetUtcNow();
        if (cached is not null && now - cached.FetchedAt < ttl)
        {
            return (cached.Body, MarketDataOrigin.Cached, cached.FetchedAt, null);
        }

        try
        {
            var body = await fetch(services.GetRequiredService<CoinGeckoClient>());
            await cache.PutAsync(key, body, now, cancellationToken);
            return (body, MarketDataOrigin.Live, now, null);
        }
        catch (MarketDataException ex) when (cached is not null)
        {
            LogStale(logger, key, ex.Message);
            return (cached.Body, MarketDataOrigin.Cached, cached.FetchedAt, "refresh failed: " + ex.Message);
        }
    }

    /// <summary>One line for several responses: cached if any was, dated by the oldest, with the first note.</summary>
    private static MarketDataSource Combine(List<(MarketDataOrigin Origin, DateTimeOffset At, string? Note)> sources)
    {
        var origin = sources.Exists(s => s.Origin == MarketDataOrigin.Cached) ? MarketDataOrigin.Cached : MarketDataOrigin.Live;
        return new MarketDataSource(origin, sources.Min(s => s.At), sources.Select(s => s.Note).FirstOrDefault(n => n is not null));
    }

    private static MarketsSnapshot SampleMarkets(string? reason)
    {
        var sample = SampleMarketData.Instance;
        return new MarketsSnapshot(sample.Markets, sample.Source with { Note = reason is null ? null : "CoinGecko unavailable: " + reason });
    }

    private static HistorySnapshot SampleHistories(IReadOnlyList<string> ids, string? reason)
    {
        var sample = SampleMarketData.Instance;
        // The sample's own coins when a live request fails: the live ids may not be in it.
        var coins = ids.Select(id => sample.Histories.GetValueOrDefault(id)).OfType<CoinHistory>().ToArray();
        if (coins.Length == 0 || reason is not null)
        {
            coins = [.. sample.Histories.Values.OrderBy(c => c.Id, StringComparer.Ordinal)];
        }

        return new HistorySnapshot(coins, sample.Source with { Note = reason is null ? null : "CoinGecko unavailable: " + reason });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Market data unavailable, answering from the bundled sample: {Reason}")]
    private static partial void LogFallback(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Market data {Key} could not be refreshed, using the cached copy: {Reason}")]
    private static partial void LogStale(ILogger logger, string key, string reason);
}
