using CryptoDigest.Indices;
using CryptoDigest.IntegrationTests.Briefs;
using CryptoDigest.IntegrationTests.Infrastructure;

namespace CryptoDigest.IntegrationTests.Indices;

/// <summary>The CoinGecko client, cache and fallbacks against a loopback stand-in and a real PostgreSQL, on a fake clock.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MarketDataTests(PostgresFixture postgres) : IAsyncLifetime
{
    private CoinGeckoStandIn standIn = null!;

    public async Task InitializeAsync() => standIn = await CoinGeckoStandIn.StartAsync();

    public async Task DisposeAsync() => await standIn.DisposeAsync();

    [Fact]
    public async Task Markets_are_fetched_with_the_demo_key_skipping_capless_rows_then_served_from_the_cache_within_the_ttl()
    {
        await using var app = await StartAsync();
        var data = app.Get<MarketData>();

        var first = await data.GetMarketsAsync(CancellationToken.None, top: 3);
        app.Time.Advance(TimeSpan.FromMinutes(9));
        var second = await data.GetMarketsAsync(CancellationToken.None, top: 3);

        var request = Assert.Single(standIn.Requests);
        Assert.Equal("/api/v3/coins/markets?vs_currency=usd&order=market_cap_desc&per_page=250&page=1", request.PathAndQuery);
        Assert.Equal("demo-key-for-tests", request.DemoKey);
        Assert.Null(request.ProKey);
        Assert.Equal(["bitcoin", "tether", "ethereum", "solana"], first.Coins.Select(c => c.Id));
        Assert.Equal(MarketDataOrigin.Live, first.Source.Origin);
        Assert.Equal(MarketDataOrigin.Cached, second.Source.Origin);
        Assert.Equal(first.Source.AsOf, second.Source.AsOf);
        Assert.Contains("cached at 2026-12-01 06:00 UTC", second.Source.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_is_honoured_by_waiting_its_retry_after_then_retrying()
    {
        await using var app = await StartAsync();
        standIn.EnqueueStatus(429, """{"status":{"error_code":429,"error_message":"You've exceeded the Rate Limit."}}""", retryAfter: "30");

        Task<MarketsSnapshot> answer = null!;
        await Time(app).WaitStartedAsync(TimeSpan.FromSeconds(30), () => answer = app.Get<MarketData>().GetMarketsAsync(CancellationToken.None, top: 3));
        app.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Single(standIn.Requests);
        Assert.False(answer.IsCompleted);
        app.Time.Advance(TimeSpan.FromSeconds(1));
        var markets = await answer;

        Assert.Equal(2, standIn.Requests.Count);
        Assert.Equal(MarketDataOrigin.Live, markets.Source.Origin);
    }

    [Fact]
    public async Task A_timeout_with_nothing_cached_answers_from_the_labelled_sample_with_the_reason()
    {
        await using var app = await StartAsync();
        standIn.EnqueueHang();

        var answer = app.Get<MarketData>().GetMarketsAsync(CancellationToken.None, top: 3);
        await standIn.WaitForRequestsAsync(1);
        app.Time.Advance(TimeSpan.FromSeconds(5));
        var markets = await answer;

        Assert.True(markets.Source.IsSample);
        Assert.Contains("bundled SAMPLE data", markets.Source.Describe(), StringComparison.Ordinal);
        Assert.Contains("CoinGecko did not answer within 5 s", markets.Source.Describe(), StringComparison.Ordinal);
        Assert.Contains(markets.Coins, c => c.Id == "bitcoin");
    }

    [Fact]
    public async Task A_malformed_body_after_the_ttl_keeps_the_cached_copy_and_says_the_refresh_failed()
    {
        await using var app = await StartAsync();
        var data = app.Get<MarketData>();
        await data.GetMarketsAsync(CancellationToken.None, top: 3);
        app.Time.Advance(TimeSpan.FromMinutes(11));
        standIn.EnqueueStatus(200, "<html>Cloudflare says hello</html>");

        var markets = await data.GetMarketsAsync(CancellationToken.None, top: 3);

        Assert.Equal(2, standIn.Requests.Count);
        Assert.Equal(MarketDataOrigin.Cached, markets.Source.Origin);
        Assert.Contains("refresh failed: CoinGecko's markets page is not valid JSON", markets.Source.Describe(), StringComparison.Ordinal);
        Assert.Equal(4, markets.Coins.Count);
    }

    [Fact]
    public async Task Histories_are_daily_first_points_and_a_demo_keys_365_day_limit_is_reported_clearly()
    {
        await using var app = await StartAsync();
        var data = app.Get<MarketData>();

        var year = await data.GetHistoriesAsync(["bitcoin"], 365, CancellationToken.None);
        var longer = await data.GetHistoriesAsync(["bitcoin"], 730, CancellationToken.None);
        standIn.EnqueueStatus(401, """{"error":{"status":{"timestamp":"2026-12-01T06:00:00Z","error_code":10012,"error_message":"Your request exceeds the allowed time range."}}}""");
        var refused = await data.GetHistoriesAsync(["ethereum"], 365, CancellationToken.None);

        Assert.Equal(2, standIn.Requests.Count);
        Assert.Equal("/api/v3/coins/bitcoin/market_chart?vs_currency=usd&days=365", standIn.Requests[0].PathAndQuery);
        var bitcoin = Assert.Single(year.Coins);
        Assert.Equal(366, bitcoin.Prices.Count);
        Assert.True(bitcoin.Prices.TryGet(new DateOnly(2026, 12, 1), out var last));
        Assert.NotEqual(999, last);
        Assert.True(longer.Source.IsSample);
        Assert.Contains("reach only 365 days back (error 10012)", longer.Source.Describe(), StringComparison.Ordinal);
        Assert.Contains("reach only 365 days back (error 10012)", refused.Source.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_beyond_the_per_minute_limit_wait_for_the_window_to_pass()
    {
        // Each request's own deadline (on the same fake clock) longer than the minute advanced below, so a first
        // request the client has not finished reading cannot time out and fall back to the sample instead.
        await using var app = await StartAsync(("Market:RequestsPerMinute", "2"), ("Market:TimeoutSeconds", "120"));

        Task<HistorySnapshot> answer = null!;
        await Time(app).WaitStartedAsync(TimeSpan.FromMinutes(1), () => answer = app.Get<MarketData>().GetHistoriesAsync(["bitcoin", "ethereum", "solana"], 30, CancellationToken.None));
        Assert.False(answer.IsCompleted);
        // The third fetch waits as soon as two are granted; the second may still be on its way to the stand-in.
        await DeliveryTestKit.WaitUntilAsync(() => Task.FromResult(standIn.Requests.Count >= 2));
        Assert.Equal(2, standIn.Requests.Count);
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var histories = await answer;

        Assert.Equal(3, standIn.Requests.Count);
        Assert.Equal(3, histories.Coins.Count);
        Assert.Equal(2 + 1, app.Get<MarketRequestPacer>().Granted);
    }

    [Fact]
    public async Task The_refresh_job_fills_the_cache_so_the_next_answer_needs_no_request()
    {
        await using var app = await StartAsync(("Market:RefreshTop", "3"));

        await app.Get<RefreshMarketsJob>().RunAsync(CancellationToken.None);
        var markets = await app.Get<MarketData>().GetMarketsAsync(CancellationToken.None, top: 3);

        Assert.Single(standIn.Requests);
        Assert.Equal(MarketDataOrigin.Cached, markets.Source.Origin);
    }

    [Fact]
    public async Task Without_a_market_api_the_refresh_job_sends_nothing_and_answers_use_the_sample()
    {
        await using var app = await StartAsync(("Market:ApiBaseUrl", ""), ("Market:ApiKey", ""));

        await app.Get<RefreshMarketsJob>().RunAsync(CancellationToken.None);
        var markets = await app.Get<MarketData>().GetMarketsAsync(CancellationToken.None);

        Assert.Empty(standIn.Requests);
        Assert.True(markets.Source.IsSample);
        Assert.Null(markets.Source.Note);
    }

    [Fact]
    public async Task A_new_window_each_time_is_sliced_from_the_one_cached_year_and_sends_no_new_request()
    {
        await using var app = await StartAsync();
        var data = app.Get<MarketData>();

        var windows = new List<HistorySnapshot>();
        foreach (var days in new[] { 30, 91, 200, 17, 365 })
        {
            windows.Add(await data.GetHistoriesAsync(["bitcoin"], days, CancellationToken.None));
        }

        var request = Assert.Single(standIn.Requests);
        Assert.Equal("/api/v3/coins/bitcoin/market_chart?vs_currency=usd&days=365", request.PathAndQuery);
        Assert.All(windows.Skip(1), w => Assert.Equal(MarketDataOrigin.Cached, w.Source.Origin));
        Assert.All(windows, w => Assert.Equal(366, Assert.Single(w.Coins).Prices.Count));
    }

    [Fact]
    public async Task One_answer_keeps_at_most_the_configured_fetches_in_flight_and_a_key_being_fetched_is_not_fetched_twice()
    {
        await using var app = await StartAsync(("Market:MaxConcurrentFetches", "2"));
        var data = app.Get<MarketData>();
        var release = new TaskCompletionSource();
        standIn.Hold = release.Task;

        var answer = data.GetHistoriesAsync(["bitcoin", "ethereum", "solana", "cardano", "ripple"], 90, CancellationToken.None);
        await standIn.WaitForRequestsAsync(2);
        var sameCoin = data.GetHistoriesAsync(["bitcoin"], 30, CancellationToken.None);
        await Briefs.DeliveryTestKit.WaitUntilAsync(() => Task.FromResult(data.JoinedFetches == 1));
        release.SetResult();
        var histories = await answer;
        var bitcoin = await sameCoin;

        Assert.Equal(5, histories.Coins.Count);
        Assert.Equal(["bitcoin", "ethereum", "solana", "cardano", "ripple"], histories.Coins.Select(c => c.Id));
        // Two at a time, never more, and the second answer's bitcoin joined the fetch already running.
        Assert.Equal(2, standIn.MaxInFlight);
        Assert.Equal(5, standIn.Requests.Count);
        Assert.Equal(MarketDataOrigin.Live, bitcoin.Source.Origin);
    }

    [Fact]
    public async Task The_refresh_job_prunes_cached_responses_older_than_the_retention()
    {
        await using var app = await StartAsync(("Market:RefreshTop", "0"), ("Market:CacheRetentionDays", "7"));
        var cache = app.Get<MarketCache>();
        await cache.PutAsync("market_chart:usd:bitcoin:30", "{}", app.Time.GetUtcNow().AddDays(-8), CancellationToken.None);
        await cache.PutAsync("market_chart:usd:bitcoin:365", "{}", app.Time.GetUtcNow().AddDays(-1), CancellationToken.None);

        await app.Get<RefreshMarketsJob>().RunAsync(CancellationToken.None);

        Assert.Null(await cache.GetAsync("market_chart:usd:bitcoin:30", CancellationToken.None));
        Assert.NotNull(await cache.GetAsync("market_chart:usd:bitcoin:365", CancellationToken.None));
        Assert.Empty(standIn.Requests);
    }

    [Theory]
    [InlineData("""{"prices":[[1764547200000,1e400]],"market_caps":[[1764547200000,1e9]]}""", "value too large to read")]
    [InlineData("""{"prices":[[1e20,35000]],"market_caps":[[1764547200000,1e9]]}""", "timestamp outside the calendar")]
    [InlineData("""{"prices":[],"market_caps":[],"total_volumes":[]}""", "holds no prices")]
    public async Task A_history_that_cannot_be_read_is_data_unavailable_answered_from_the_sample_or_the_cache(string body, string reason)
    {
        await using var app = await StartAsync();
        var data = app.Get<MarketData>();
        standIn.EnqueueStatus(200, body);
        var fromSample = await data.GetHistoriesAsync(["bitcoin"], 90, CancellationToken.None);
        await data.GetHistoriesAsync(["ethereum"], 90, CancellationToken.None);
        app.Time.Advance(TimeSpan.FromHours(7));
        standIn.EnqueueStatus(200, body);

        var fromCache = await data.GetHistoriesAsync(["ethereum"], 90, CancellationToken.None);

        Assert.True(fromSample.Source.IsSample);
        Assert.Contains("CoinGecko unavailable: CoinGecko's market chart of bitcoin", fromSample.Source.Describe(), StringComparison.Ordinal);
        Assert.Contains(reason, fromSample.Source.Describe(), StringComparison.Ordinal);
        Assert.Equal(MarketDataOrigin.Cached, fromCache.Source.Origin);
        Assert.Contains("refresh failed: CoinGecko's market chart of ethereum", fromCache.Source.Describe(), StringComparison.Ordinal);
        Assert.Contains(reason, fromCache.Source.Describe(), StringComparison.Ordinal);
        Assert.Equal(366, Assert.Single(fromCache.Coins).Prices.Count);
    }

    [Fact]
    public async Task A_markets_page_with_an_unreadable_number_is_data_unavailable_and_weights_answer_from_the_sample()
    {
        await using var app = await StartAsync();
        standIn.MarketsDocument = """[{"id": "bitcoin", "symbol": "btc", "name": "Bitcoin", "current_price": 35000, "market_cap": 1e400, "market_cap_rank": 1}]""";

        var reply = await app.Get<CryptoDigest.Chat.ChatRouter>().HandleAsync(
            CryptoDigest.Chat.ChatRequest.FromText(CryptoDigest.Replies.ChatPlatform.Telegram, "chat-1", "user-1", false, CryptoDigest.Chat.ChatCommandParser.Parse("/index weights top3")),
            CancellationToken.None);

        var text = CryptoDigest.Chat.PlainTextRenderer.Render(reply);
        Assert.Contains("bundled SAMPLE data", text, StringComparison.Ordinal);
        Assert.True(text.Contains("CoinGecko unavailable: CoinGecko's markets page has a \"market_cap\" value too large to read", StringComparison.Ordinal), text);
        Assert.DoesNotContain("I can't compute that", text, StringComparison.Ordinal);
    }

    private async Task<TestApp> StartAsync(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Market:ApiBaseUrl"] = standIn.BaseUrl,
            ["Market:ApiKey"] = "demo-key-for-tests",
            ["Market:TimeoutSeconds"] = "5",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        return await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), values,
            new TimerWatchingTimeProvider(new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero)));
    }

    private static TimerWatchingTimeProvider Time(TestApp app) => (TimerWatchingTimeProvider)app.Time;
}
