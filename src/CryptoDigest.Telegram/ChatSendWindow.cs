namespace CryptoDigest.Telegram;

/// <summary>
/// The pace of one chat (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this):
/// at most one message per interval, and for groups and channels at most N per minute. Times are those
/// at which earlier sends came back, which the server necessarily saw before, so the gaps it measures
/// are never shorter than ours. Not thread-safe: the sender serialises each chat's sends.
/// </summary>
internal sealed class ChatSendWindow(TimeSpan interval, int? perMinute)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1) + SendMargin.Value;
    private readonly Queue<DateTimeOffset> _sent = new();

    public DateTimeOffset LastSent { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>How long to wait, from now, before the next message may go.</summary>
    public TimeSpan WaitBefore(DateTimeOffset now)
    {
        if (_sent.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var wait = LastSent + interval + SendMargin.Value - now;
        if (perMinute is { } limit && _sent.Count >= limit)
        {
            var minuteWait = _sent.ElementAt(_sent.Count - limit) + Minute - now;
            wait = minuteWait > wait ? minuteWait : wait;
        }

        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>True once no earlier send can hold up the next one: forgetting the window then changes nothing.</summary>
    public bool IsSpent(DateTimeOffset now) => LastSent + (perMinute is null ? interval + SendMargin.Value : Minute) <= now;

    /// <summary>Counts a send that came back (accepted or not: the server saw it).</summary>
    public void Record(DateTimeOffset completedAt)
    {
        LastSent = completedAt;
        _sent.Enqueue(completedAt);
        while (_sent.Count > Math.Max(perMinute ?? 1, 1))
        {
            _sent.Dequeue();
        }
    }
}
