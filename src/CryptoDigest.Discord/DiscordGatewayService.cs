using CryptoDigest.Storage;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Discord;

/// <summary>
/// Keeps the bot connected to Discord's gateway for link scanning, when Discord is configured and
/// Discord:Gateway:Enabled is true, in the one instance holding <see cref="DiscordGatewayLease"/>. A new session
/// starts from GET /gateway/bot (respecting its session_start_limit); a dropped one is resumed at its
/// resume_gateway_url; failures back off with the shared <see cref="Backoff"/>; a close code reconnecting cannot
/// fix (a bad token, a refused intent) stops the gateway with one error naming the fix. Guild messages go to
/// <see cref="DiscordMessageScanner"/> through a bounded queue, so scanning never holds up heartbeats.
/// </summary>
internal sealed partial class DiscordGatewayService(
    DiscordRestClient rest,
    DiscordGatewayLease lease,
    DiscordMessageScanner scanner,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    DiscordGatewayJitter jitter,
    ILogger<DiscordGatewayService> logger) : BackgroundService
{
    private const int QueueCapacity = 1000;

    // A connection attempt that fails this many times running at the resume URL starts a new session instead.
    private const int ResumeAttempts = 3;

    private readonly ConcurrentDictionary<string, byte> _loggedOnce = new();

    private Backoff ReconnectBackoff => new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)) { Jitter = 0.5, Random = jitter.Next };

    /// <summary>Why the gateway stopped for good (a close code or answer reconnecting cannot fix); null while it runs.</summary>
    public string? StopReason { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.UsesGateway)
        {
            return;
        }

        var queue = Channel.CreateBounded<DiscordGatewayMessage>(new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        var scanning = scanner.RunAsync(queue.Reader, stoppingToken);
        try
        {
            while (StopReason is null)
            {
                await using var held = await lease.AcquireAsync(stoppingToken);
                LogHolding(logger);
                await RunWhileHeldAsync(held, settings, message => queue.Writer.TryWrite(message), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            queue.Writer.TryComplete();
            await scanning;
        }
    }

    // Connections one after another while the lease is held; returns when it is lost or the gateway stops.
    private async Task RunWhileHeldAsync(HeldSessionLease held, DiscordOptions settings, Func<DiscordGatewayMessage, bool> onMessage, CancellationToken stoppingToken)
    {
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var watching = WatchLeaseAsync(held, lost);
        var session = new DiscordGatewaySession();
        var failures = 0;
        try
        {
            while (StopReason is null)
            {
                var end = await ConnectOnceAsync(session, settings, onMessage, failures, lost.Token);
                if (end is null)
                {
                    continue;
                }

                failures = end.WasReady ? 0 : failures + 1;
                if (!await PrepareNextAsync(end, session, failures, lost.Token))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            LogLeaseLost(logger);
        }
        finally
        {
            await lost.CancelAsync();
            await watching;
        }
    }

    // One connection: to the resume URL, or a new session's URL from GET /gateway/bot. Null when no URL could be had
    // (the wait before the next attempt is already done, or the gateway stopped).
    private async Task<GatewayConnectionEnd?> ConnectOnceAsync(DiscordGatewaySession session, DiscordOptions settings, Func<DiscordGatewayMessage, bool> onMessage, int failures, CancellationToken cancellationToken)
    {
        if (session.CanResume && failures >= ResumeAttempts)
        {
            session.Reset();
        }

        var url = session.ResumeUrl ?? await NewSessionUrlAsync(failures, cancellationToken);
        if (url is null)
        {
            return null;
        }

        using var connection = new DiscordGatewayConnection(session, onMessage, time, jitter, _loggedOnce, logger);
        return await connection.RunAsync(url, settings.BotToken ?? string.Empty, settings.Gateway, cancellationToken);
    }

    // After a connection ends: stop, or wait as long as Discord and the backoff ask. False when the gateway stopped.
    private async Task<bool> PrepareNextAsync(GatewayConnectionEnd end, DiscordGatewaySession session, int failures, CancellationToken cancellationToken)
    {
        if (end.Action == GatewayCloseAction.Stop)
        {
            Stop(DiscordGatewayCloseCodes.StopReason(end.CloseCode ?? 0));
            return false;
        }

        LogReconnecting(logger, end.Reason, end.Action == GatewayCloseAction.Resume && session.CanResume);
        if (end.Action == GatewayCloseAction.Identify)
        {
            session.Reset();
        }

        if (end.PauseBeforeIdentify)
        {
            // https://discord.com/developers/docs/events/gateway-events#invalid-session: a random 1 to 5 s.
            await Task.Delay(TimeSpan.FromSeconds(1 + (4 * jitter.Next())), time, cancellationToken);
        }
        else if (failures > 0)
        {
            await Task.Delay(ReconnectBackoff.Delay(failures), time, cancellationToken);
        }

        return true;
    }

    // GET /gateway/bot: the URL, and a wait when the bot has no session starts left. A 401 stops the gateway.
    private async Task<Uri?> NewSessionUrlAsync(int failures, CancellationToken cancellationToken)
    {
        var response = await GatewayBotAsync(cancellationToken);
        if (response?.StatusCode == 401)
        {
            Stop(DiscordGatewayCloseCodes.StopReason(DiscordGatewayCloseCodes.AuthenticationFailed));
            return null;
        }

        var answer = Read(response);
        if (answer is null || !Uri.TryCreate(answer.Url, UriKind.Absolute, out var url) || url.Scheme is not ("wss" or "ws"))
        {
            LogGatewayBotFailed(logger, response?.Error ?? "no answer");
            await Task.Delay(ReconnectBackoff.Delay(failures + 1), time, cancellationToken);
            return null;
        }

        if (answer.SessionStartLimit is { Remaining: <= 0, ResetAfter: var resetAfter })
        {
            // IDENTIFYs beyond the daily allowance reset the bot's token: wait for the period to end.
            LogNoSessionStartsLeft(logger, TimeSpan.FromMilliseconds(resetAfter));
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(resetAfter, 1000)), time, cancellationToken);
        }

        return url;
    }

    private async Task<DiscordResponse?> GatewayBotAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await rest.SendAsync(HttpMethod.Get, DiscordRoute.GatewayBot(), null, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            LogGatewayBotFailed(logger, ex.Message);
            return null;
        }
    }

    private static DiscordGatewayBot? Read(DiscordResponse? response)
    {
        if (response is not { IsSuccess: true })
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<DiscordGatewayBot>(response.Body, DiscordJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Stop(string reason)
    {
        StopReason = reason;
        LogStopped(logger, reason);
    }

    // Ends the connection when the lease's database connection is gone: another instance may take the gateway.
    private async Task WatchLeaseAsync(HeldSessionLease held, CancellationTokenSource lost)
    {
        try
        {
            while (!lost.IsCancellationRequested)
            {
                await Task.Delay(DiscordGatewayLease.CheckInterval, time, lost.Token);
                if (!await held.IsStillHeldAsync(lost.Token))
                {
                    await lost.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Connection over, or lease lost.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This instance holds the Discord gateway; connecting")]
    private static partial void LogHolding(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Discord gateway lease was lost; standing by")]
    private static partial void LogLeaseLost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway connection ended ({Reason}); reconnecting (resume: {Resume})")]
    private static partial void LogReconnecting(ILogger logger, string reason, bool resume);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: GET /gateway/bot failed ({Error}); trying again")]
    private static partial void LogGatewayBotFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: no session starts left today; waiting {Wait} before identifying")]
    private static partial void LogNoSessionStartsLeft(ILogger logger, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord gateway stopped: {Reason}")]
    private static partial void LogStopped(ILogger logger, string reason);
}
