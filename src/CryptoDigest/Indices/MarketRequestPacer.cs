namespace CryptoDigest.Indices;

/// <summary>
/// Keeps every market API request of this process within Market:RequestsPerMinute in any 60
/// seconds: a short burst goes out at once, further requests wait for the oldest to age out.
/// One instance is shared by all callers (chat answers, verbs, the refresh job).
/// </summary>
public sealed class MarketRequestPacer(int requestsPerMinute, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Queue<DateTimeOffset> sent = new();
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Requests let through so far (for tests and logs).</summary>
    public int Granted { get; private set; }

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            while (sent.Count > 0 && sent.Peek() <= now - Window)
            {
                sent.Dequeue();
            }

            if (sent.Count >= requestsPerMinute)
            {
                var wait = sent.Peek() + Window - now;
                await Task.Delay(wait, time, cancellationToken);
                sent.Dequeue();
                now = time.GetUtcNow();
            }

            sent.Enqueue(now);
            Granted++;
        }
        finally
        {
            gate.Release();
        }
    }
}
