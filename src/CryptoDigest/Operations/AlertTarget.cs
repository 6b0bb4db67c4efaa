using System.Globalization;
using CryptoDigest.Replies;

namespace CryptoDigest.Operations;

/// <summary>Where operator alerts go: a Telegram chat (its id, negative for groups) or a Discord channel (its snowflake).</summary>
public sealed record AlertTarget(ChatPlatform Platform, string ChatId)
{
    /// <summary>Reads "telegram:&lt;chat id&gt;" or "discord:&lt;channel id&gt;"; null for anything else.</summary>
    public static AlertTarget? Parse(string? value)
    {
        var parts = (value ?? string.Empty).Trim().Split(':');
        if (parts.Length != 2)
        {
            return null;
        }

        var id = parts[1];
        return parts[0].ToLowerInvariant() switch
        {
            // Telegram chat ids are signed 64-bit numbers: users positive, groups and channels negative.
            "telegram" when long.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chat) && chat != 0
                && chat.ToString(CultureInfo.InvariantCulture) == id => new AlertTarget(ChatPlatform.Telegram, id),
            "discord" when OperatorsOptions.IsSnowflake(id) => new AlertTarget(ChatPlatform.Discord, id),
            _ => null,
        };
    }

    public override string ToString() => $"{Platform.ToString().ToLowerInvariant()}:{ChatId}";
}
