using System.Collections.Concurrent;
using System.Globalization;
using CryptoDigest.Briefs;
using CryptoDigest.Replies;
using CryptoDigest.Telegram;

namespace CryptoDigest.Benchmarks;

/// <summary>
/// Stands in for the Telegram channel where only the cost of the brief matters, not its sending:
/// splits the brief as Telegram would and counts the parts each chat receives.
/// </summary>
public sealed class CountingBriefChannel : IBriefChannel
{
    private readonly ConcurrentDictionary<string, int> _parts = new();
    private int _nextId;

    public ChatPlatform Platform => ChatPlatform.Telegram;

    public IReadOnlyDictionary<string, int> PartsByChat => _parts;

    public int CountParts(ChatReply brief) => TelegramSender.CountParts(brief);

    public Task<BriefPartResult> SendPartAsync(string chatId, string? threadId, ChatReply brief, int index, string idempotencyKey, CancellationToken cancellationToken)
    {
        _parts.AddOrUpdate(chatId, 1, (_, n) => n + 1);
        return Task.FromResult(BriefPartResult.Sent(Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture)));
    }
}

/// <summary>The real channel, timed: a part's time here is the sender's pacing waits plus its Bot API round trip.</summary>
public sealed class TimedBriefChannel(IBriefChannel inner, TimingStats stats) : IBriefChannel
{
    public ChatPlatform Platform => inner.Platform;

    public int CountParts(ChatReply brief) => inner.CountParts(brief);

    public async Task<BriefPartResult> SendPartAsync(string chatId, string? threadId, ChatReply brief, int index, string idempotencyKey, CancellationToken cancellationToken)
    {
        var started = stats.Started();
        try
        {
            return await inner.SendPartAsync(chatId, threadId, brief, index, idempotencyKey, cancellationToken);
        }
        finally
        {
            stats.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }
}
