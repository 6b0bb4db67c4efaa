using Telegram.Bot.Exceptions;

namespace CryptoDigest.Telegram;

/// <summary>
/// The adapter's one answer to Telegram's 429 (https://core.telegram.org/bots/api#responseparameters), the same
/// for sending, polling and start-up: wait exactly the retry_after Telegram names (a second when it names none),
/// not the caller's own backoff, then make the same call again. For sends it also tells a chat's limit from the
/// bot's: 429s from several chats within a second mean the bot-wide limit, and then every send waits, not only
/// that chat's (docs/telegram.md, "Answers and errors").
/// </summary>
internal sealed class TelegramFloodPolicy(TimeProvider time)
{
    private readonly FloodSignal _floods = new();

    /// <summary>How long a 429 asks the bot to wait; null when the error is not a 429.</summary>
    public static TimeSpan? RetryAfter(Exception error) =>
        error is ApiRequestException { ErrorCode: 429 } flood ? TimeSpan.FromSeconds(Math.Max(flood.Parameters?.RetryAfter ?? 1, 1)) : null;

    /// <summary>
    /// Counts a send's 429 in <paramref name="chatId"/>. When it makes the flood bot-wide, the moment until which
    /// every send must wait; null when it is this chat's limit alone and only this chat waits.
    /// </summary>
    public DateTimeOffset? BotWidePauseUntil(long chatId, TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        return _floods.IsBotWide(chatId, now) ? now + retryAfter : null;
    }
}
