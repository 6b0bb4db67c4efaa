using System.Text;

namespace CryptoDigest.Briefs;

/// <summary>
/// The payload of a /settings button: "s1|&lt;chat id&gt;|&lt;setting&gt;|&lt;value&gt;". Short (within Telegram's
/// 64 bytes), versioned ("s1", so a future layout can be told apart), and validated on the way back: a
/// payload that does not parse, names another chat than the one whose message was pressed, or carries a
/// value /settings would refuse, is never applied.
/// </summary>
public static class SettingsButtonPayload
{
    public const string Version = "s1";

    /// <summary>The settings buttons may change; the others are typed (/settings topics ...).</summary>
    public static IReadOnlyList<string> ButtonSettings { get; } = [SettingNames.Language, SettingNames.Length, SettingNames.Cadence, SettingNames.Market];

    public static string Encode(string chatId, SettingChange change)
    {
        var payload = $"{Version}|{chatId}|{change.Setting}|{change.Value}";
        return Encoding.UTF8.GetByteCount(payload) <= Replies.ReplyButton.MaxPayloadBytes
            ? payload
            : throw new ArgumentException($"A settings payload for chat {chatId} would exceed {Replies.ReplyButton.MaxPayloadBytes} bytes.", nameof(chatId));
    }

    /// <summary>The change a pressed button asks for in <paramref name="chatId"/>; false with the reason (for the log) otherwise.</summary>
    public static bool TryDecode(string? payload, string chatId, out SettingChange change, out string reason)
    {
        change = new SettingChange(string.Empty, string.Empty);
        if (string.IsNullOrEmpty(payload) || Encoding.UTF8.GetByteCount(payload) > Replies.ReplyButton.MaxPayloadBytes)
        {
            reason = "empty or too long";
            return false;
        }

        var parts = payload.Split('|');
        if (parts.Length != 4 || parts[0] != Version)
        {
            reason = parts[0] == Version ? "malformed" : "unknown version";
            return false;
        }

        if (parts[1] != chatId)
        {
            reason = "names another chat";
            return false;
        }

        if (!ButtonSettings.Contains(parts[2]) || !SettingChangeParser.TryParse($"{parts[2]} {parts[3]}", out var parsed, out _) || parsed.Value != parts[3])
        {
            reason = "not a valid button setting";
            return false;
        }

        change = parsed;
        reason = string.Empty;
        return true;
    }
}
