using System.Net;
using CryptoDigest.Host;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Storage;
using CryptoDigest.Telegram;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.IntegrationTests.Telegram;

/// <summary>
/// The bot as the Host will run it: our real registrations (AddCryptoDigest + AddTelegram) on a real
/// Kestrel on loopback, a fresh PostgreSQL database, and the Bot API stand-in instead of Telegram.
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

    /// <summary>Another instance of the bot on an existing database and Bot API stand-in (scale-out tests).</summary>
    public static async Task<TelegramTestHost> StartAsync(string connectionString, BotApiStandIn? sharedApi, IDictionary<string, string?>? settings = null, bool start = true)
    {
        var api = sharedApi ?? await BotApiStandIn.StartAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Telegram:BotToken"] = BotApiStandIn.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl.ToString(),
            ["Telegram:PollingTimeoutSeconds"] = "1",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddCryptoDigest(builder.Configuration);
        builder.Services.AddTelegram(builder.Configuration);

        var app = builder.Build();
        app.MapTelegramWebhook();
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        if (start)
        {
            await app.StartAsync();
        }

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
