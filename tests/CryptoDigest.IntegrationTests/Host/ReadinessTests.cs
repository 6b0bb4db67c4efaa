using System.Net;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.IntegrationTests.Telegram;

namespace CryptoDigest.IntegrationTests.Host;

/// <summary>
/// /healthz/ready follows the database without a restart: 503 within 10 s of PostgreSQL going away, 200 again
/// within 10 s of its return, while /healthz/live keeps answering. The test stops and starts a
/// PostgreSQL server of its own, so the shared one the other tests use is never disturbed.
/// </summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    private static readonly TimeSpan TurnWithin = TimeSpan.FromSeconds(10);

    private PostgresServer? _server;

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Readiness_turns_503_when_the_database_stops_and_200_when_it_returns()
    {
        // Arrange: the bot on its own server, ready once Telegram (the stand-in) has answered getMe.
        var server = _server!;
        await using var host = await TelegramTestHost.StartAsync(await server.CreateDatabaseAsync("ready"), null, operations: true);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        await WaitForStatusAsync(http, "/healthz/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(30));

        // Act and assert: the database goes away...
        await server.StopAsync();
        await WaitForStatusAsync(http, "/healthz/ready", HttpStatusCode.ServiceUnavailable, TurnWithin);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/live")).StatusCode);

        // ...and comes back.
        await server.StartAgainAsync();
        await WaitForStatusAsync(http, "/healthz/ready", HttpStatusCode.OK, TurnWithin);
    }

    [Fact]
    public async Task Readiness_waits_for_Telegram_to_answer_at_start()
    {
        // Arrange: Telegram's first getMe fails, so the bot retries it after a backoff.
        await using var api = await BotApiStandIn.StartAsync();
        api.FailNextCall("getMe", 502, "Bad Gateway");
        await using var host = await TelegramTestHost.StartAsync(await _server!.CreateDatabaseAsync("platforms"), api, operations: true);
        using var http = new HttpClient { BaseAddress = host.BaseUrl };

        // Act
        var first = await http.GetAsync("/healthz/ready");
        await api.WaitForCallsAsync("getMe", 2);

        // Assert: not ready before Telegram answered, ready after.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        await WaitForStatusAsync(http, "/healthz/ready", HttpStatusCode.OK, TurnWithin);
    }

    private static async Task WaitForStatusAsync(HttpClient http, string path, HttpStatusCode expected, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var last = HttpStatusCode.OK;
        while (!timeout.IsCancellationRequested)
        {
            using var response = await http.GetAsync(path, CancellationToken.None);
            last = response.StatusCode;
            if (last == expected)
            {
                return;
            }

            await Task.Delay(250, CancellationToken.None);
        }

        Assert.Fail($"{path} answered {(int)last}, not {(int)expected}, for {within.TotalSeconds} s.");
    }
}
