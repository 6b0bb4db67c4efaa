namespace CryptoDigest.Discord;

/// <summary>
/// Keeps one connection's outgoing gateway messages (heartbeats included) at or under Discord's 120 in any
/// 60 seconds (https://discord.com/developers/docs/events/gateway#rate-limiting); past it Discord closes the
/// connection with 4008. A sliding window of send times; one per connection, used under the connection's send lock.
/// </summary>
internal sealed class DiscordGatewaySendLimiter(TimeProvider time, int limit = DiscordGatewaySendLimiter.MessagesPerWindow)
{
    public const int MessagesPerWindow = 120;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly Queue<DateTimeOffset> _sent = new();

    /// <summary>How long to wait before the next message may go; zero when it may go now.</summary>
    public TimeSpan WaitBeforeNext()
    {
        var now = time.GetUtcNow();
        while (_sent.Count > 0 && now - _sent.Peek() >= Window)
        {
            _sent.Dequeue();
        }

        return _sent.Count < limit ? TimeSpan.Zero : _sent.Peek() + Window - now;
    }

    /// <summary>Counts a message sent now.</summary>
    public void Record() => _sent.Enqueue(time.GetUtcNow());

    /// <summary>Waits until a message may go, then counts it.</summary>
    public async Task TakeAsync(CancellationToken cancellationToken)
    {
        for (var wait = WaitBeforeNext(); wait > TimeSpan.Zero; wait = WaitBeforeNext())
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        Record();
    }
}
