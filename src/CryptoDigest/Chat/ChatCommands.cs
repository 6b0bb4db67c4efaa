using CryptoDigest.Chat.Commands;
using CryptoDigest.Replies;
using CryptoDigest.Telemetry;

namespace CryptoDigest.Chat;

/// <summary>
/// Every command the bot understands, in the order /help and the platforms' menus show them: the one
/// list, made of the entries the handlers in Chat/Commands declare (AddChat registers a handler for each).
/// Adapters ask it whether a use needs an admin and what the refusal says; they decide nothing themselves.
/// </summary>
public static class ChatCommands
{
    public static IReadOnlyList<ChatCommand> All { get; } =
    [
        StartCommand.Entry,
        HelpCommand.Entry,
        BriefCommand.Entry,
        DigestCommand.Entry,
        IndexCommand.Entry,
        SecurityCommand.Entry,
        AskCommand.Entry,
        SearchCommand.Entry,
        SubscribeCommand.Entry,
        UnsubscribeCommand.Entry,
        SettingsCommand.Entry,
        SourcesCommand.Entry,
        StatusCommand.Entry,
    ];

    public static ChatCommand? Find(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether this use of a command needs the sender to administer the chat (never for plain text or an unknown command).</summary>
    public static bool NeedsChatAdmin(string command, string argument) => Find(command)?.NeedsChatAdmin(argument) ?? false;

    /// <summary>Whether the sender may run the request: the one admin check, by the command's rule for this use.</summary>
    public static bool Allows(ChatRequest request) => request.IsChatAdmin || !NeedsChatAdmin(request.Command, request.Argument);

    /// <summary>
    /// The command's name as the metrics tag it: a known command's own name, "ask" for plain text, and one
    /// value (<see cref="BotMetrics.UnknownCommand"/>) for anything else, so what members type cannot add series.
    /// </summary>
    public static string MetricName(string command) =>
        command.Length == 0 ? AskCommand.Entry.Name : Find(command)?.Name ?? BotMetrics.UnknownCommand;

    /// <summary>The command's one refusal, for a member who is not an admin and sent a use that needs one.</summary>
    public static string RefusalFor(string command) =>
        Find(command)?.AdminRule?.Refusal ?? throw new ArgumentException($"/{command} has no admin rule, so nothing is refused.", nameof(command));

    /// <summary>The refusal in a language (a shipped code; the router's <see cref="ChatRouter.LanguageAsync"/> settles which).</summary>
    public static string RefusalFor(string command, string language) =>
        Find(command)?.RefusalIn(ReplyTexts.For(language)) ?? throw new ArgumentException($"/{command} has no admin rule, so nothing is refused.", nameof(command));
}
