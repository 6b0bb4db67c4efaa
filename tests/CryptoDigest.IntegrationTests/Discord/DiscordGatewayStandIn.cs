using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.IntegrationTests.Discord;

/// <summary>
/// A stand-in for Discord's gateway on a loopback port (real Kestrel WebSockets): every connection is greeted
/// with HELLO and handed to the test as a <see cref="DiscordGatewayStandInConnection"/>, which acknowledges
/// heartbeats and lets the test read what the client sends, dispatch events, close with a code or drop it.
/// Sequence numbers run on across connections, as a resumed session's do.
/// </summary>
public sealed class DiscordGatewayStandIn : IAsyncDisposable
{
    /// <summary>HELLO's heartbeat_interval (Discord's is of this order); no other timer in the bot has this due time.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(41_250);

    private readonly WebApplication _app;
    private readonly Channel<DiscordGatewayStandInConnection> _connections = Channel.CreateUnbounded<DiscordGatewayStandInConnection>();
    private long _sequence;
    private int _connectionCount;

    private DiscordGatewayStandIn(WebApplication app)
    {
        _app = app;
        app.UseWebSockets();
        app.Run(AcceptAsync);
    }

    /// <summary>The gateway's URL as GET /gateway/bot gives it (ws://, any path accepted).</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Connections opened so far.</summary>
    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    public static async Task<DiscordGatewayStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var standIn = new DiscordGatewayStandIn(builder.Build());
        await standIn._app.StartAsync();
        var address = new Uri(standIn._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        standIn.Url = new UriBuilder(address) { Scheme = "ws" }.Uri;
        return standIn;
    }

    /// <summary>The next connection the client opens (already sent HELLO); fails after 20 s.</summary>
    public async Task<DiscordGatewayStandInConnection> NextConnectionAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            return await _connections.Reader.ReadAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The client opened no new gateway connection ({ConnectionCount} so far)");
        }
    }

    internal long NextSequence() => Interlocked.Increment(ref _sequence);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        Interlocked.Increment(ref _connectionCount);
        var connection = new DiscordGatewayStandInConnection(this, socket, context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? string.Empty);
        await connection.SendAsync(new { op = 10, d = new { heartbeat_interval = HeartbeatInterval.TotalMilliseconds } });
        _connections.Writer.TryWrite(connection);
        await connection.RunAsync(context.RequestAborted);
    }
}
