using System.Text;
using CryptoDigest.Discord;
using CryptoDigest.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.IntegrationTests.Discord;

/// <summary>
/// The bot's real composition with Discord:Gateway:Enabled, its REST base at a <see cref="DiscordApiStandIn"/>
/// (whose GET /gateway/bot names a <see cref="DiscordGatewayStandIn"/>), a fake clock that tells when a wait
/// begins, and the gateway's random waits fixed at half their range (the first heartbeat after half the interval,
/// the pause after a non-resumable INVALID_SESSION 3 s), so the tests can step the clock exactly.
/// </summary>
public sealed class DiscordGatewayTestHost : IAsyncDisposable
{
    public const double Jitter = 0.5;

    private readonly WebApplication _app;

    private DiscordGatewayTestHost(WebApplication app, TimerWatchingTimeProvider clock, CapturingLoggerProvider log, HttpClient http)
    {
        _app = app;
        Clock = clock;
        Log = log;
        Http = http;
    }

    public TimerWatchingTimeProvider Clock { get; }

    public CapturingLoggerProvider Log { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    internal DiscordGatewayService Gateway => _app.Services.GetRequiredService<DiscordGatewayService>();

    /// <summary>Starts the bot on <paramref name="connectionString"/> (several hosts may share one database); <paramref name="beforeStart"/> runs with the clock before the host starts.</summary>
    public static async Task<DiscordGatewayTestHost> StartAsync(string connectionString, DiscordApiStandIn rest, IDictionary<string, string?>? settings = null, Action<TimerWatchingTimeProvider>? beforeStart = null)
    {
        var log = new CapturingLoggerProvider();
        var clock = new TimerWatchingTimeProvider(DiscordTestApp.Now);
        beforeStart?.Invoke(clock);
        var app = await TestComposition.StartWebAsync(
            new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
            {
                ["ConnectionStrings:Postgres"] = connectionString,
                ["Discord:ApplicationId"] = DiscordTestApp.ApplicationId,
                ["Discord:PublicKey"] = DiscordTestApp.PublicKeyHex,
                ["Discord:BotToken"] = DiscordTestApp.BotToken,
                ["Discord:ApiBaseUrl"] = rest.BaseUrl.ToString(),
                ["Discord:Gateway:Enabled"] = "true",
            },
            logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Debug),
            web => web.MapDiscordInteractions(),
            clock,
            services: (services, _) => services.Replace(ServiceDescriptor.Singleton(new DiscordGatewayJitter(() => Jitter))));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DiscordGatewayTestHost(app, clock, log, new HttpClient { BaseAddress = new Uri(address) });
    }

    /// <summary>Posts a signed interaction at the fake clock's time.</summary>
    public Task<HttpResponseMessage> PostInteractionAsync(string body)
    {
        var timestamp = Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Ed25519", DiscordTestApp.Sign(timestamp, body, DiscordTestApp.TestSeed));
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        return Http.SendAsync(request);
    }

    /// <summary>Steps the clock by <paramref name="step"/> once a wait of <paramref name="dueTime"/> has begun after <paramref name="trigger"/>.</summary>
    public async Task AdvanceWhenWaitingAsync(TimeSpan dueTime, Func<Task> trigger, TimeSpan step)
    {
        var waiting = Clock.WaitStartedAsync(dueTime);
        await trigger();
        await waiting;
        Clock.Advance(step);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
