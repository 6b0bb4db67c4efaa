using CryptoDigest.Replies;

namespace CryptoDigest.Chat;

/// <summary>
/// One message from a member, already stripped of everything platform-specific.
/// Adapters build it; the router answers it with a <see cref="ChatReply"/>.
/// </summary>
/// <param name="Platform">Where the message came from.</param>
/// <param name="ChatId">The platform's chat, group or channel id, as text so every platform fits.</param>
/// <param name="UserId">The sender's platform id.</param>
/// <param name="IsChatAdmin">Whether the sender may change the chat's own settings (subscriptions, link scanning).</param>
/// <param name="Command">The command name in lower case without the slash, or empty for plain text.</param>
/// <param name="Argument">Everything after the command, trimmed; the whole text for plain text.</param>
/// <param name="ThreadId">A topic or thread inside the chat (Telegram forum topics), if any.</param>
public sealed record ChatRequest(
    ChatPlatform Platform,
    string ChatId,
    string UserId,
    bool IsChatAdmin,
    string Command,
    string Argument,
    string? ThreadId = null)
{
    /// <summary>
    /// The sender runs the bot: the console chat on the operator's machine. It may edit sources
    /// without being listed in Feeds:SourceEditors; no platform adapter sets it.
    /// </summary>
    public bool IsOperator { get; init; }

    /// <summary>
    /// The locale the platform reports for this chat or sender (Telegram's language_code of the user, Discord's
    /// guild_locale), if any: the language a new subscription starts with (Briefs/BriefLanguages).
    /// </summary>
    public string? Locale { get; init; }

    /// <summary>
    /// The sender's own platform language (Telegram's from.language_code, Discord's interaction locale), if any:
    /// the reply language in a chat that has no brief, when it is a shipped language.
    /// </summary>
    public string? MemberLocale { get; init; }

    /// <summary>
    /// The language to answer in (a shipped code), set by the router before a handler runs: the chat's brief
    /// language, else the sender's platform language when shipped, else English (docs/languages.md).
    /// </summary>
    public string Language { get; init; } = "en";

    /// <summary>The fixed texts in <see cref="Language"/>.</summary>
    public ReplyTexts Texts => ReplyTexts.For(Language);

    /// <summary>
    /// The chat is a private chat between the sender and the bot (a Telegram private chat, a Discord direct message),
    /// where what only the sender may read can be shown; the adapters set it.
    /// </summary>
    public bool IsPrivateChat { get; init; }

    /// <summary>
    /// The server the chat belongs to (a Discord guild), if any: what a whole server shares, such as Discord's link
    /// scanning setting, is kept under it; the Discord adapter sets it.
    /// </summary>
    public string? ServerId { get; init; }

    /// <summary>The sender as "platform:user id" (telegram:123456), the form Feeds:SourceEditors lists.</summary>
    public string Sender => $"{Platform.ToString().ToLowerInvariant()}:{UserId}";

    /// <summary>Builds a request from raw message text, parsing the command out of it.</summary>
    public static ChatRequest FromText(ChatPlatform platform, string chatId, string userId, bool isChatAdmin, ParsedMessage message, string? threadId = null) =>
        new(platform, chatId, userId, isChatAdmin, message.Command, message.Argument, threadId);
}
