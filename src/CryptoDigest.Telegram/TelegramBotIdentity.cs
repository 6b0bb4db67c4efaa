using Telegram.Bot;
using Telegram.Bot.Types;

namespace CryptoDigest.Telegram;

/// <summary>The bot's own user (getMe), asked once: its username parses /cmd@BotName and mentions, its id spots replies to it.</summary>
internal sealed class TelegramBotIdentity(ITelegramBotClient bot) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private User? _me;

    public async Task<User> GetAsync(CancellationToken cancellationToken)
    {
        if (_me is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _me ??= await bot.GetMe(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
