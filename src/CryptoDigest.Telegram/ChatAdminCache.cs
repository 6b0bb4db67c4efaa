using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace CryptoDigest.Telegram;

/// <summary>
/// Whether a member administers a chat (getChatMember), remembered briefly: admin rights change
/// rarely, and a burst of /subscribe attempts should not become a burst of API calls.
/// </summary>
internal sealed class ChatAdminCache(ITelegramBotClient bot, IOptions<TelegramOptions> options, TimeProvider time)
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<(long ChatId, long UserId), (bool IsAdmin, DateTimeOffset Until)> _entries = new();

    public async Task<bool> IsAdminAsync(long chatId, long userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue((chatId, userId), out var entry) && entry.Until > now)
        {
            return entry.IsAdmin;
        }

        var member = await bot.GetChatMember(chatId, userId, cancellationToken);
        var isAdmin = member.Status is ChatMemberStatus.Creator or ChatMemberStatus.Administrator;
        if (_entries.Count >= MaxEntries)
        {
            foreach (var expired in _entries.Where(e => e.Value.Until <= now).Select(e => e.Key).ToList())
            {
                _entries.TryRemove(expired, out _);
            }
        }

        _entries[(chatId, userId)] = (isAdmin, now + TimeSpan.FromSeconds(options.Value.AdminCacheSeconds));
        return isAdmin;
    }
}
