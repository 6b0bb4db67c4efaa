using System.Text;
using CryptoDigest.Replies;

namespace CryptoDigest.Feedback;

/// <summary>
/// The payload of a 👍/👎 button: "f1|&lt;target&gt;|up", "f1|&lt;target&gt;|down" or "f1|&lt;target&gt;|down|&lt;reason&gt;",
/// the target "b&lt;edition id&gt;" for a brief or "a&lt;answer id&gt;" for an answer. Versioned by its first field as the
/// settings buttons' "s1" is. It names no chat, so one keyboard serves every chat that gets the same brief (a
/// broadcast formats each brief once); the chat is checked instead against what was stored: a vote counts only
/// where that brief was delivered or that answer given (<see cref="FeedbackStore"/>).
/// </summary>
public static class FeedbackPayload
{
    public const string Version = "f1";

    private const string UpWord = "up";
    private const string DownWord = "down";

    /// <summary>Whether a pressed button's payload is meant as a feedback one (any "f" version); anything else is not ours to read.</summary>
    public static bool IsFeedback(string? payload) =>
        payload is { Length: > 2 } && payload[0] == 'f' && payload.IndexOf('|', StringComparison.Ordinal) is > 1 and < 5;

    public static string Encode(FeedbackPress press)
    {
        var payload = $"{Version}|{press.Target.Code}|{(press.Up ? UpWord : DownWord)}";
        if (press.Reason is { } reason)
        {
            payload += "|" + ReasonCode(reason);
        }

        return Encoding.UTF8.GetByteCount(payload) <= ReplyButton.MaxPayloadBytes
            ? payload
            : throw new ArgumentException($"A feedback payload would exceed {ReplyButton.MaxPayloadBytes} bytes.", nameof(press));
    }

    /// <summary>The press a payload stands for; false with the reason (for the log) when it does not parse.</summary>
    public static bool TryDecode(string? payload, out FeedbackPress press, out string reason)
    {
        press = new FeedbackPress(default, Up: true);
        if (string.IsNullOrEmpty(payload) || Encoding.UTF8.GetByteCount(payload) > ReplyButton.MaxPayloadBytes)
        {
            reason = "empty or too long";
            return false;
        }

        var parts = payload.Split('|');
        if (parts[0] != Version)
        {
            reason = "unknown version";
            return false;
        }

        if (parts.Length is < 3 or > 4 || !FeedbackTarget.TryParse(parts[1], out var target) || parts[2] is not (UpWord or DownWord))
        {
            reason = "malformed";
            return false;
        }

        FeedbackReason? why = null;
        if (parts.Length == 4)
        {
            // Only a 👎 has a reason.
            if (parts[2] != DownWord || ParseReason(parts[3]) is not { } parsed)
            {
                reason = "malformed reason";
                return false;
            }

            why = parsed;
        }

        press = new FeedbackPress(target, parts[2] == UpWord, why);
        reason = string.Empty;
        return true;
    }

    /// <summary>The reason as stored and exported.</summary>
    public static string ReasonCode(FeedbackReason reason) => reason switch
    {
        FeedbackReason.WrongFact => "fact",
        FeedbackReason.NotRelevant => "relevance",
        _ => "length",
    };

    private static FeedbackReason? ParseReason(string code) => code switch
    {
        "fact" => FeedbackReason.WrongFact,
        "relevance" => FeedbackReason.NotRelevant,
        "length" => FeedbackReason.TooLong,
        _ => null,
    };
}
