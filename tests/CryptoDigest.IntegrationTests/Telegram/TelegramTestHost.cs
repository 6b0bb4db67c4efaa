using CryptoDigest.Host.Operations;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Telegram;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.IntegrationTests.Telegram;

/// <summary>
/// The bot as the Host will run it (<see cref="TestComposition"/>: the Host's composition on a real Kestrel
/// on loopback), a fresh PostgreSQL database, and the Bot API stand-in instead of Telegram.
/// </summary>
public sealed class TelegramTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly bool _ownsApi;

    private TelegramTestHost(WebApplication app, BotApiStandIn api, Uri baseUrl, string connectionString, bool ownsApi)
    {
        _app = app;
        Api = api;
        BaseUrl = baseUrl;
        ConnectionString = connectionString;
        _ownsApi = ownsApi;
    }

    /// <summary>The database, so a second instance can share it.</summary>
    public string ConnectionString { get; }

    public BotApiStandIn Api { get; }

    public Uri BaseUrl { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Stops the bot as a deployment would (the stand-in keeps running).</summary>
    public Task StopAsync() => _app.StopAsync();

    public static async Task<TelegramTestHost> StartAsync(PostgresFixture postgres, IDictionary<string, string?>? settings = null, bool start = true) =>
        await StartAsync(await postgres.CreateDatabaseAsync(), null, settings, start);

    /// <summary>
    /// Another instance of the bot on an existing database and Bot API stand-in (scale-out tests, or a stand-in
    /// scripted before the bot starts), with <paramref name="clock"/> as its clock when given.
    /// </summary>
    /// <param name="operations">Also the Host's metrics export (/metrics) and health checks (/healthz/live, /healthz/ready).</param>
    public static async Task<TelegramTestHost> StartAsync(string connectionString, BotApiStandIn? sharedApi, IDictionary<string, string?>? settings = null, bool start = true, TimeProvider? clock = null, bool operations = false)
    {
        var api = sharedApi ?? await BotApiStandIn.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Telegram:BotToken"] = BotApiStandIn.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl.ToString(),
            ["Telegram:PollingTimeoutSeconds"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = await TestComposition.StartWebAsync(
            all,
            logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning),
            web =>
            {
                web.MapTelegramWebhook();
                if (operations)
                {
                    web.MapHealth();
                    web.MapTelemetry();
                }
            },
            clock,
            start,
            operations ? (services, configuration) => services.AddTelemetryExport(configuration, http: true).AddHealth() : null);
        var address = start ? new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) : new Uri("http://127.0.0.1/");
        return new TelegramTestHost(app, api, address, connectionString, ownsApi: sharedApi is null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsApi)
        {
            await Api.DisposeAsync();
        }
    }
}
