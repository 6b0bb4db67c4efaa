using CryptoDigest.Replies;
using Telegram.Bot.Types.ReplyMarkups;

namespace CryptoDigest.Telegram;

/// <summary>A reply's buttons as a Telegram inline keyboard: one callback button per <see cref="ReplyButton"/>, its payload as callback_data.</summary>
internal static class TelegramKeyboards
{
    public static InlineKeyboardMarkup From(IReadOnlyList<IReadOnlyList<ReplyButton>> rows) =>
        new(rows.Select(row => row.Select(b => InlineKeyboardButton.WithCallbackData(b.Label, b.Payload))));
}
