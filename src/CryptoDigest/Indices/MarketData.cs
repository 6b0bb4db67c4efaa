using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Indices;

/// <summary>
/// The market data index answers are computed from. With Market:ApiBaseUrl set: CoinGecko through
/// the cache (fresh entries reused, stale ones kept for when a fetch fails); when a fetch fails
/// with nothing cached, or with no API configured, the bundled sample, labelled as such, with the
/// reason. Never throws for the API's failures: a member always gets an answer. Histories are fetched
/// for a fixed window (<see cref="HistoryWindow"/>) and callers slice it, so a new window is never a new
/// fetch; one answer has at most Market:MaxConcurrentFetches requests in flight, and a key already being
/// fetched by another answer is awaited, not fetched twice.
/// </summary>
public sealed partial class MarketData(IOptions<MarketOptions> options, IServiceProvider services, TimeProvider time, ILogger<MarketData> logger)
{
    private const int PageSize = 250;

    /// <summary>The longest window a pro key fetches (IndexQuery's limit); the public and demo API stop at 365 days.</summary>
    private const int LongHistoryDays = 3650;

    private readonly ConcurrentDictionary<string, Lazy<Task<CachedFetch>>> _inFlight = new(StringComparer.Ordinal);
    private int _joinedFetches;

    /// <summary>Fetches an answer joined instead of sending its own request (tests and logs).</summary>
    internal int JoinedFetches => Volatile.Read(ref _joinedFetches);

    /// <summary>The window fetched for an answer that needs <paramref name="days"/>: 365 days, or ten years beyond that.</summary>
    public static int HistoryWindow(int days) => days <= CoinGeckoClient.DemoHistoryDays ? CoinGeckoClient.DemoHistoryDays : LongHistoryDays;

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
                    (client, ct) => client.GetMarketsPageAsync(page, PageSize, ct),
                    cancellationToken);
                var rows = Parse(() => MarketDocuments.ParseMarkets(response.Body, "CoinGecko's markets page"));
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

    /// <summary>
    /// The daily histories of these coins, covering at least the last <paramref name="days"/> days: the fixed
    /// window that holds them (<see cref="HistoryWindow"/>), which the caller slices to the days it needs.
    /// </summary>
    public async Task<HistorySnapshot> GetHistoriesAsync(IEnumerable<string> ids, int days, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.Distinct(StringComparer.Ordinal).ToArray();
        if (!options.Value.IsLive)
        {
            return SampleHistories(wanted, null);
        }

        var window = HistoryWindow(days);
        var coins = new CoinHistory[wanted.Length];
        var sources = new (MarketDataOrigin Origin, DateTimeOffset At, string? Note)[wanted.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentFetches, CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, wanted.Length), parallel, async (i, ct) =>
            {
                var id = wanted[i];
                var response = await GetAsync(
                    string.Create(CultureInfo.InvariantCulture, $"market_chart:usd:{id}:{window}"),
                    TimeSpan.FromHours(options.Value.HistoryTtlHours),
                    (client, fetchCt) => client.GetMarketChartAsync(id, window, fetchCt),
                    ct);
                coins[i] = Parse(() => MarketDocuments.ParseMarketChart(id, response.Body));
                sources[i] = (response.Origin, response.At, response.Note);
            });
        }
        catch (MarketDataException ex)
        {
            LogFallback(logger, ex.Message);
            return SampleHistories(wanted, ex.Message);
        }

        return new HistorySnapshot(coins, Combine([.. sources]));
    }

    /// <summary>Deletes cached responses older than Market:CacheRetentionDays (the refresh job calls it); returns how many.</summary>
    public Task<int> PruneCacheAsync(CancellationToken cancellationToken) =>
        services.GetRequiredService<MarketCache>().PruneAsync(time.GetUtcNow() - TimeSpan.FromDays(options.Value.CacheRetentionDays), cancellationToken);

    private async Task<(string Body, MarketDataOrigin Origin, DateTimeOffset At, string? Note)> GetAsync(
        string key, TimeSpan ttl, Func<CoinGeckoClient, CancellationToken, Task<string>> fetch, CancellationToken cancellationToken)
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
            var fetched = await FetchOnceAsync(key, fetch, cache, cancellationToken);
            return (fetched.Body, MarketDataOrigin.Live, fetched.At, null);
        }
        catch (MarketDataException ex) when (cached is not null)
        {
            LogStale(logger, key, ex.Message);
            return (cached.Body, MarketDataOrigin.Cached, cached.FetchedAt, "refresh failed: " + ex.Message);
        }
    }

    /// <summary>
    /// Fetches and stores one key, or joins the fetch another answer already started for it: two members
    /// asking at once cost one request. The shared fetch runs to its end for the others even if this caller
    /// gives up (its own wait is cancelled, not the fetch's, which the client's own deadline bounds).
    /// </summary>
    private async Task<CachedFetch> FetchOnceAsync(string key, Func<CoinGeckoClient, CancellationToken, Task<string>> fetch, MarketCache cache, CancellationToken cancellationToken)
    {
        Lazy<Task<CachedFetch>> started = null!;
        started = new Lazy<Task<CachedFetch>>(async () =>
        {
            try
            {
                var now = time.GetUtcNow();
                var body = await fetch(services.GetRequiredService<CoinGeckoClient>(), CancellationToken.None);
                await cache.PutAsync(key, body, now, CancellationToken.None);
                return new CachedFetch(body, now);
            }
            finally
            {
                _inFlight.TryRemove(KeyValuePair.Create(key, started));
            }
        });
        var running = _inFlight.GetOrAdd(key, started);
        if (running != started)
        {
            Interlocked.Increment(ref _joinedFetches);
        }

        return await running.Value.WaitAsync(cancellationToken);
    }

    /// <summary>A body fetched (and stored) and when.</summary>
    private sealed record CachedFetch(string Body, DateTimeOffset At);

    private static T Parse<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (IndexInputException ex)
        {
            // A stored body that no longer reads (stored before a check existed) is unavailable data, not a member's mistake.
            throw new MarketDataException(ex.Message);
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
