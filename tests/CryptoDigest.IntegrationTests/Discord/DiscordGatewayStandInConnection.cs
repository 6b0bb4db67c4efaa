using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace CryptoDigest.IntegrationTests.Discord;

/// <summary>
/// One client connection to the <see cref="DiscordGatewayStandIn"/>: heartbeats (op 1) are recorded with their
/// sequence and acknowledged unless <see cref="AcknowledgeHeartbeats"/> is off; everything else the client sends
/// is kept for <see cref="ReceiveAsync"/>.
/// </summary>
public sealed class DiscordGatewayStandInConnection(DiscordGatewayStandIn gateway, WebSocket socket, string path, string query)
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();
    private readonly ConcurrentQueue<long?> _heartbeats = new();
    private readonly TaskCompletionSource<WebSocketCloseStatus?> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _heartbeatSeen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The path the client connected to (the resume URL's path for a RESUME).</summary>
    public string Path => path;

    /// <summary>The query string (?v=10&amp;encoding=json).</summary>
    public string Query => query;

    public bool AcknowledgeHeartbeats { get; set; } = true;

    /// <summary>The "d" of each heartbeat received: the last sequence number the client had seen.</summary>
    public IReadOnlyList<long?> Heartbeats => [.. _heartbeats];

    /// <summary>Completes when the connection ends, with the close code the client sent (null for a drop).</summary>
    public Task<WebSocketCloseStatus?> Ended => _ended.Task;

    /// <summary>The next payload the client sent that is not a heartbeat; fails after 20 s.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            return await _received.Reader.ReadAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The client sent nothing on the gateway connection");
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> heartbeats arrived; fails after 20 s.</summary>
    public async Task WaitForHeartbeatsAsync(int count)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (_heartbeats.Count < count)
        {
            var seen = Volatile.Read(ref _heartbeatSeen).Task;
            if (_heartbeats.Count >= count)
            {
                break;
            }

            try
            {
                await seen.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{_heartbeats.Count} of {count} heartbeats arrived");
            }
        }
    }

    /// <summary>Sends a dispatch (op 0) with the next sequence number; returns that number.</summary>
    public async Task<long> DispatchAsync(string eventName, object data)
    {
        var sequence = gateway.NextSequence();
        await SendAsync(new { op = 0, s = sequence, t = eventName, d = data });
        return sequence;
    }

    public async Task SendAsync(object payload)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload);
        await _sendLock.WaitAsync();
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends raw text as one message (for payloads that do not parse).</summary>
    public async Task SendTextAsync(string text)
    {
        await _sendLock.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Closes the connection with a gateway close code, as Discord does.</summary>
    public async Task CloseAsync(int code, string reason)
    {
        await _sendLock.WaitAsync();
        try
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Drops the connection without a close frame, as a network failure would.</summary>
    public void Drop() => socket.Abort();

    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, cancellationToken);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _ended.TrySetResult(result.CloseStatus);
                    return;
                }

                await HandleAsync(JsonDocument.Parse(message.ToArray()).RootElement.Clone());
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _ended.TrySetResult(null);
        }
    }

    private async Task HandleAsync(JsonElement payload)
    {
        if (payload.GetProperty("op").GetInt32() != 1)
        {
            _received.Writer.TryWrite(payload);
            return;
        }

        var d = payload.GetProperty("d");
        _heartbeats.Enqueue(d.ValueKind == JsonValueKind.Number ? d.GetInt64() : null);
        Interlocked.Exchange(ref _heartbeatSeen, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult();
        if (AcknowledgeHeartbeats)
        {
            await SendAsync(new { op = 11 });
        }
    }
}
