using System.ComponentModel.DataAnnotations;
using CryptoDigest.Replies;

namespace CryptoDigest.Operations;

/// <summary>
/// Who runs the bot (section "Operators", docs/operations.md): their user ids per platform, who see the
/// operator's /status in a private chat, and the chat that receives operator alerts. The console user is
/// always an operator. Separate from Feeds:SourceEditors, which decides who may edit the shared sources.
/// </summary>
public sealed class OperatorsOptions : IValidatableObject
{
    public const string SectionName = "Operators";

    // Telegram's stand-ins for anonymous senders (GroupAnonymousBot, channel posts, channel signatures):
    // each id stands for many people, so none of them can be an operator.
    private static readonly string[] SharedTelegramIds = ["1087968824", "777000", "136817688"];

    /// <summary>Telegram user ids (the message's from.id) of the operators.</summary>
    public List<string> Telegram { get; set; } = [];

    /// <summary>Discord user ids (snowflakes) of the operators.</summary>
    public List<string> Discord { get; set; } = [];

    /// <summary>Where operator alerts go: "telegram:&lt;chat id&gt;" or "discord:&lt;channel id&gt;"; empty for no alerts.</summary>
    public string AlertChat { get; set; } = string.Empty;

    /// <summary>A source failing this many fetches in a row raises an alert.</summary>
    [Range(1, 1000, ErrorMessage = "Operators:SourceFailureAlertThreshold must be between 1 and 1000.")]
    public int SourceFailureAlertThreshold { get; set; } = 6;

    /// <summary>The mailbox failing this many reads in a row raises the "mailbox unreadable" alert.</summary>
    [Range(1, 1000, ErrorMessage = "Operators:MailboxFailureAlertThreshold must be between 1 and 1000.")]
    public int MailboxFailureAlertThreshold { get; set; } = 3;

    /// <summary>How often the alert job looks at the conditions.</summary>
    [Range(1, 60, ErrorMessage = "Operators:AlertCheckMinutes must be between 1 and 60.")]
    public int AlertCheckMinutes { get; set; } = 5;

    /// <summary>The alert chat, when one is set.</summary>
    public AlertTarget? AlertTarget => AlertChat.Length == 0 ? null : AlertTarget.Parse(AlertChat);

    /// <summary>Whether the platform user is a listed operator (the console's user always is, by ChatRequest.IsOperator).</summary>
    public bool Lists(ChatPlatform platform, string userId) => userId.Length > 0 && platform switch
    {
        ChatPlatform.Telegram => Telegram.Contains(userId, StringComparer.Ordinal),
        ChatPlatform.Discord => Discord.Contains(userId, StringComparer.Ordinal),
        _ => false,
    };

    /// <summary>A positive decimal id of at most 20 digits without leading zeros (Telegram user ids and Discord snowflakes).</summary>
    internal static bool IsSnowflake(string id) =>
        id.Length is > 0 and <= 20 && id[0] != '0' && id.All(char.IsAsciiDigit);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in ValidateIds("Telegram", Telegram).Concat(ValidateIds("Discord", Discord)))
        {
            yield return result;
        }

        if (AlertChat.Length > 0 && AlertTarget is null)
        {
            yield return new ValidationResult(
                $"Operators:AlertChat '{AlertChat}' must be telegram:<chat id> or discord:<channel id>, e.g. telegram:-1001234567890.",
                [nameof(AlertChat)]);
        }
    }

    private static IEnumerable<ValidationResult> ValidateIds(string platform, List<string> ids)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i] ?? string.Empty;
            if (!IsSnowflake(id))
            {
                yield return new ValidationResult(
                    $"Operators:{platform}:{i} '{id}' must be a numeric user id (no username, no platform prefix).", [platform]);
            }
            else if (platform == "Telegram" && SharedTelegramIds.Contains(id))
            {
                yield return new ValidationResult(
                    $"Operators:Telegram:{i} '{id}' is the id Telegram gives anonymous senders (shared by many people), not a person's.", [platform]);
            }
        }
    }
}
