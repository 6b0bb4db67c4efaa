using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Indices;

/// <summary>One request the stand-in received.</summary>
public sealed record CoinGeckoRequest(string PathAndQuery, string? DemoKey, string? ProKey);

/// <summary>
/// CoinGecko's /api/v3 on loopback: /coins/markets and /coins/{id}/market_chart answer CoinGecko-shaped
/// documents, or whatever a test scripted next (a 429, a hang, a malformed body, an error code).
/// </summary>
public sealed class CoinGeckoStandIn : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> script = new();
    private readonly ConcurrentQueue<CoinGeckoRequest> requests = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly List<(int Count, TaskCompletionSource Arrived)> waiters = [];
    private int inFlight;
    private int maxInFlight;

    private CoinGeckoStandIn(WebApplication app) => this.app = app;

    /// <summary>The base to give Market:ApiBaseUrl.</summary>
    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<CoinGeckoRequest> Requests => requests.ToArray();

    /// <summary>While set and not complete, every request waits for it before it is answered.</summary>
    public Task? Hold { get; set; }

    /// <summary>The most requests that were being answered at once.</summary>
    public int MaxInFlight => maxInFlight;

    /// <summary>The markets page served when nothing is scripted.</summary>
    public string MarketsDocument { get; set; } = """
        [
          {"id": "bitcoin", "symbol": "btc", "name": "Bitcoin", "current_price": 35000, "market_cap": 700000000000, "market_cap_rank": 1, "roi": null, "last_updated": "2026-12-01T05:58:00.000Z"},
          {"id": "tether", "symbol": "usdt", "name": "Tether", "current_price": 1.0, "market_cap": 300000000000, "market_cap_rank": 2, "roi": null, "last_updated": "2026-12-01T05:57:00.000Z"},
          {"id": "ethereum", "symbol": "eth", "name": "Ethereum", "current_price": 1666.5, "market_cap": 200000000000, "market_cap_rank": 3, "last_updated": "2026-12-01T05:56:00.000Z"},
          {"id": "nocap", "symbol": "nc", "name": "No Cap", "current_price": 0.5, "market_cap": 0, "market_cap_rank": null, "last_updated": "2026-12-01T05:55:00.000Z"},
          {"id": "solana", "symbol": "sol", "name": "Solana", "current_price": 20, "market_cap": 100000000000, "market_cap_rank": 4, "last_updated": "2026-12-01T05:54:00.000Z"}
        ]
        """;

    public static async Task<CoinGeckoStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var standIn = new CoinGeckoStandIn(app);
        app.MapGet("/api/v3/coins/markets", context => standIn.HandleAsync(context, c => c.Response.WriteAsync(standIn.MarketsDocument)));
        app.MapGet("/api/v3/coins/{id}/market_chart", context => standIn.HandleAsync(context, c => c.Response.WriteAsync(Chart((string)c.Request.RouteValues["id"]!))));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        standIn.BaseUrl = address + "/api/v3";
        return standIn;
    }

    public void Enqueue(Func<HttpContext, Task> response) => script.Enqueue(response);

    public void EnqueueStatus(int status, string body, string? retryAfter = null) => Enqueue(async context =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        await context.Response.WriteAsync(body);
    });

    /// <summary>The next request gets no answer until the stand-in stops.</summary>
    public void EnqueueHang() => Enqueue(async context =>
    {
        try
        {
            await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(stopping.Token, context.RequestAborted).Token);
        }
        catch (OperationCanceledException)
        {
        }
    });

    /// <summary>Awaits the n-th request (a condition, not a delay); fails after 30 s.</summary>
    public Task WaitForRequestsAsync(int count)
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (waiters)
        {
            if (requests.Count >= count)
            {
                return Task.CompletedTask;
            }

            waiters.Add((count, arrived));
        }

        return arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }

    /// <summary>A year of daily points at 00:00 UTC ending 2026-12-01, then CoinGecko's intraday "now" point.</summary>
    public static string Chart(string id)
    {
        var start = new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var seed = id.Sum(c => c);
        var points = Enumerable.Range(0, 366).Select(d => (At: start.AddDays(d).ToUnixTimeMilliseconds(), Price: 100 + (seed + d) % 17)).ToList();
        points.Add((start.AddDays(365).AddHours(6).ToUnixTimeMilliseconds(), 999));
        string Pairs(double factor) => "[" + string.Join(",", points.Select(p => FormattableString.Invariant($"[{p.At},{p.Price * factor}]"))) + "]";
        return $"{{\"prices\":{Pairs(1)},\"market_caps\":{Pairs(1e9)},\"total_volumes\":{Pairs(1e7)}}}";
    }

    private async Task HandleAsync(HttpContext context, Func<HttpContext, Task> fallback)
    {
        lock (waiters)
        {
            requests.Enqueue(new CoinGeckoRequest(
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers["x-cg-demo-api-key"].FirstOrDefault(),
                context.Request.Headers["x-cg-pro-api-key"].FirstOrDefault()));
            foreach (var waiter in waiters.Where(w => w.Count <= requests.Count).ToArray())
            {
                waiter.Arrived.TrySetResult();
                waiters.Remove(waiter);
            }
        }

        var now = Interlocked.Increment(ref inFlight);
        InterlockedMax(ref maxInFlight, now);
        try
        {
            if (Hold is { } hold)
            {
                await hold.WaitAsync(context.RequestAborted);
            }

            context.Response.ContentType = "application/json";
            await (script.TryDequeue(out var scripted) ? scripted(context) : fallback(context));
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
