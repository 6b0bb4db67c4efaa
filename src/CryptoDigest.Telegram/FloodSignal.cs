namespace CryptoDigest.Telegram;

/// <summary>
/// Tells a chat's 429 from the bot's. A 429 in one chat is that chat's limit (one message a second,
/// 20 a minute in groups) and must not stall the others; 429s from two chats within a second mean the
/// limit is the bot-wide one, and retry_after then holds for the whole bot, not one chat
/// (docs/telegram.md, "Answers and errors"), so every send waits.
/// </summary>
internal sealed class FloodSignal
{
    private static readonly TimeSpan Span = TimeSpan.FromSeconds(1);
    private readonly Lock _lock = new();
    private readonly Queue<(long ChatId, DateTimeOffset At)> _recent = new();

    /// <summary>Counts a 429 in <paramref name="chatId"/>; true when it makes the flood bot-wide.</summary>
    public bool IsBotWide(long chatId, DateTimeOffset now)
    {
        lock (_lock)
        {
            while (_recent.Count > 0 && _recent.Peek().At + Span < now)
            {
                _recent.Dequeue();
            }

            _recent.Enqueue((chatId, now));
            return _recent.Any(r => r.ChatId != chatId);
        }
    }
}
