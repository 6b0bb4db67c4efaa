using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.Discord;

/// <summary>
/// One WebSocket connection to Discord's gateway (https://discord.com/developers/docs/events/gateway), JSON without
/// compression: HELLO, then IDENTIFY (or RESUME when the session allows), heartbeats at HELLO's interval with the
/// first one jittered, and dispatches read until the connection ends. A heartbeat not acknowledged before the next
/// one is due means a dead connection: it is dropped (never closed with 1000 or 1001, which would end the session)
/// so the session can be resumed. Guild messages are handed to <c>onMessage</c>; nothing here waits on scanning.
/// </summary>
internal sealed partial class DiscordGatewayConnection(
    DiscordGatewaySession session,
    Func<DiscordGatewayMessage, bool> onMessage,
    TimeProvider time,
    DiscordGatewayJitter jitter,
    ConcurrentDictionary<string, byte> loggedOnce,
    ILogger logger) : IDisposable
{
    // A GUILD_CREATE of a large server is big; anything past this is not a gateway message we can use.
    private const int MaxMessageBytes = 8 * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly DiscordGatewaySendLimiter _limiter = new(time);
    private volatile bool _acknowledged = true;
    private volatile bool _missedAck;
    private bool _ready;

    /// <summary>Connects to <paramref name="url"/> and runs the connection until it ends; throws only for the caller's cancellation.</summary>
    public async Task<GatewayConnectionEnd> RunAsync(Uri url, string token, DiscordGatewayOptions settings, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task heartbeats = Task.CompletedTask;
        try
        {
            await _socket.ConnectAsync(WithVersion(url), stop.Token);
            var hello = await ReceiveAsync(stop.Token);
            if (hello?.Op != DiscordGatewayOpcode.Hello || hello.HeartbeatInterval is not { } interval)
            {
                return Ended(GatewayCloseAction.Resume, "the gateway did not open with HELLO");
            }

            // Started before the handshake is sent, as Discord asks: its first wait (a timer) exists once IDENTIFY is out.
            heartbeats = HeartbeatAsync(interval, stop.Token);
            await SendHandshakeAsync(token, settings, stop.Token);
            return await ReadAsync(stop.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Ended(GatewayCloseAction.Resume, _missedAck ? "no heartbeat ACK before the next heartbeat was due" : "the connection dropped: " + ex.Message);
        }
        finally
        {
            await stop.CancelAsync();
            await heartbeats;
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _sendLock.Dispose();
    }

    private static Uri WithVersion(Uri url) => new UriBuilder(url) { Query = "v=10&encoding=json" }.Uri;

    private GatewayConnectionEnd Ended(GatewayCloseAction action, string reason, int? closeCode = null) => new(action, closeCode, _ready, reason);

    private Task SendHandshakeAsync(string token, DiscordGatewayOptions settings, CancellationToken cancellationToken)
    {
        if (session.CanResume)
        {
            return SendAsync(new { op = DiscordGatewayOpcode.Resume, d = new { token, session_id = session.SessionId, seq = session.Sequence } }, cancellationToken);
        }

        var identify = new
        {
            token,
            intents = DiscordGatewayIntents.Requested,
            properties = new { os = Environment.OSVersion.Platform.ToString().ToLowerInvariant(), browser = "cryptodigest", device = "cryptodigest" },
            shard = new[] { settings.ShardId, settings.ShardCount },
        };
        return SendAsync(new { op = DiscordGatewayOpcode.Identify, d = identify }, cancellationToken);
    }

    // The first heartbeat after interval * jitter, then one per interval; a missing ACK drops the connection.
    private async Task HeartbeatAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(interval * jitter.Next(), time, cancellationToken);
            while (true)
            {
                if (!_acknowledged)
                {
                    _missedAck = true;
                    LogNoAck(logger);
                    _socket.Abort();
                    return;
                }

                _acknowledged = false;
                await SendHeartbeatAsync(cancellationToken);
                await Task.Delay(interval, time, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The connection ended (a send on a closed socket is refused); the reading side reports how.
        }
    }

    private Task SendHeartbeatAsync(CancellationToken cancellationToken) =>
        SendAsync(new { op = DiscordGatewayOpcode.Heartbeat, d = session.Sequence }, cancellationToken);

    private async Task SendAsync(object payload, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload, Json);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _limiter.TakeAsync(cancellationToken);
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task<GatewayConnectionEnd> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var payload = await ReceiveAsync(cancellationToken);
            if (payload is null)
            {
                if (_socket.State != WebSocketState.Open)
                {
                    var code = (int?)_socket.CloseStatus;
                    return Ended(DiscordGatewayCloseCodes.Classify(code), $"Discord closed the connection ({code}: {_socket.CloseStatusDescription})", code);
                }

                continue;
            }

            if (await HandleAsync(payload, cancellationToken) is { } end)
            {
                return end;
            }
        }
    }

    // One message from Discord; an end when it ends the connection.
    private async Task<GatewayConnectionEnd?> HandleAsync(DiscordGatewayPayload payload, CancellationToken cancellationToken)
    {
        switch (payload.Op)
        {
            case DiscordGatewayOpcode.Dispatch:
                session.Received(payload.Sequence);
                Dispatch(payload);
                return null;
            case DiscordGatewayOpcode.Heartbeat:
                // Discord asks for a heartbeat now; it does not change the regular schedule.
                await SendHeartbeatAsync(cancellationToken);
                return null;
            case DiscordGatewayOpcode.HeartbeatAck:
                _acknowledged = true;
                return null;
            case DiscordGatewayOpcode.Reconnect:
                return Ended(GatewayCloseAction.Resume, "Discord asked the bot to reconnect (op 7)");
            case DiscordGatewayOpcode.InvalidSession:
                return payload.Data.ValueKind == JsonValueKind.True
                    ? Ended(GatewayCloseAction.Resume, "Discord invalidated the session, resumable (op 9)")
                    : Ended(GatewayCloseAction.Identify, "Discord invalidated the session (op 9); starting a new one") with { PauseBeforeIdentify = true };
            case DiscordGatewayOpcode.Hello:
                return null;
            default:
                LogOnce("op:" + payload.Op, () => LogUnknownOp(logger, payload.Op));
                return null;
        }
    }

    private void Dispatch(DiscordGatewayPayload payload)
    {
        switch (payload.EventName)
        {
            case "READY" when payload.Data.ValueKind == JsonValueKind.Object:
                var sessionId = payload.Data.TryGetProperty("session_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
                var resumeUrl = payload.Data.TryGetProperty("resume_gateway_url", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null;
                if (sessionId is not null && Uri.TryCreate(resumeUrl, UriKind.Absolute, out var resume))
                {
                    session.Started(sessionId, resume);
                }

                _ready = true;
                LogReady(logger);
                break;
            case "RESUMED":
                _ready = true;
                LogResumed(logger, session.Sequence);
                break;
            case "MESSAGE_CREATE" or "MESSAGE_UPDATE":
                HandOver(payload);
                break;
        }
    }

    private void HandOver(DiscordGatewayPayload payload)
    {
        DiscordGatewayMessage? message;
        try
        {
            message = payload.Data.Deserialize<DiscordGatewayMessage>(DiscordJson.Options);
        }
        catch (JsonException)
        {
            LogOnce("message-json", () => LogUnreadableMessage(logger, payload.EventName ?? string.Empty));
            return;
        }

        // An update Discord sends to add a link preview is not an edit: scanning it again would warn twice.
        if (message is null || (payload.EventName == "MESSAGE_UPDATE" && message.EditedTimestamp is null))
        {
            return;
        }

        if (!onMessage(message))
        {
            LogOnce("queue-full", () => LogQueueFull(logger));
        }
    }

    // One whole message (possibly several frames), parsed; null for a close or a message that does not parse.
    private async Task<DiscordGatewayPayload?> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var result = await _socket.ReceiveAsync(chunk, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            if (buffer.Length + result.Count > MaxMessageBytes)
            {
                throw new WebSocketException("a gateway message over 8 MB");
            }

            buffer.Write(chunk, 0, result.Count);
            if (result.EndOfMessage)
            {
                break;
            }
        }

        if (DiscordGatewayPayload.TryParse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), out var payload))
        {
            return payload;
        }

        LogOnce("unparsable", () => LogUnparsable(logger));
        return null;
    }

    private void LogOnce(string key, Action log)
    {
        if (loggedOnce.TryAdd(key, 0))
        {
            log();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway: READY, a new session")]
    private static partial void LogReady(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway: session resumed after sequence {Sequence}")]
    private static partial void LogResumed(ILogger logger, long? sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: no heartbeat ACK before the next heartbeat; dropping the connection to resume")]
    private static partial void LogNoAck(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: a message that is not a gateway payload was ignored (logged once)")]
    private static partial void LogUnparsable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: unknown opcode {Op} ignored (logged once)")]
    private static partial void LogUnknownOp(ILogger logger, int op);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: a {Event} that does not read as a message was ignored (logged once)")]
    private static partial void LogUnreadableMessage(ILogger logger, string @event);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: messages arrive faster than they are scanned; some are not scanned (logged once)")]
    private static partial void LogQueueFull(ILogger logger);
}
