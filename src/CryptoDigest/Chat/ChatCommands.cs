using CryptoDigest.Security.LinkCheck;

namespace CryptoDigest.Chat;

/// <summary>A command members can send, as listed by /help and registered with the platforms.</summary>
/// <param name="Name">The command without its slash.</param>
/// <param name="Arguments">How its arguments are written, empty when it takes none.</param>
/// <param name="Description">One line for /help and the platforms' command menus (at most 100 characters).</param>
/// <param name="NeedsArgument">Whether the command is meaningless without an argument.</param>
public sealed record ChatCommand(string Name, string Arguments, string Description, bool NeedsArgument)
{
    public string Usage => Arguments.Length == 0 ? $"/{Name}" : $"/{Name} {Arguments}";

    /// <summary>
    /// The admin rule, declared here once: which uses (by argument) need the sender to administer the
    /// chat; null when none does. Adapters only tell whether the sender is an admin, for every command
    /// that has a rule; <see cref="ChatCommands.Allows"/> applies it.
    /// </summary>
    public Func<string, bool>? NeedsChatAdminFor { get; init; }

    /// <summary>
    /// An admins' command: the platforms' menus offer it only to admins, and the adapters refuse it to
    /// other members outright, in their platform's terms (<see cref="ChatCommands.AllowsFromPlatform"/>).
    /// </summary>
    public bool ForAdmins { get; init; }

    public bool HasAdminRule => NeedsChatAdminFor is not null;

    public bool NeedsChatAdmin(string argument) => NeedsChatAdminFor?.Invoke(argument.Trim()) ?? false;
}

/// <summary>Every command the bot understands; the one list /help, Telegram and Discord read.</summary>
public static class ChatCommands
{
    public static readonly ChatCommand Start = new("start", "", "Say hello and see what I can do", false);
    public static readonly ChatCommand Help = new("help", "", "List the commands", false);
    public static readonly ChatCommand Brief = new("brief", "", "Today's brief of the crypto newsletters", false);
    public static readonly ChatCommand Digest = new("digest", "[source]", "Latest newsletter summaries, optionally of one source", false);
    public static readonly ChatCommand Index = new("index", "<question> | weights | compare | drawdown <coin> | concentration", "Index figures from market data (weights, backtests, drawdowns) or questions on weighting", true);
    // Asking and checking links are for everyone; turning link scanning on or off changes the chat.
    public static readonly ChatCommand Security = new("security", "<question> | check <link> | scan on|off", "Crypto security: ask, check a link, or scan this chat's links (admins)", true)
    {
        NeedsChatAdminFor = argument => LinkCheckCommands.ChangesScanning(argument, out _),
    };
    public static readonly ChatCommand Ask = new("ask", "<question>", "Ask anything about indices, security or newsletters", true);

    // Alone, /subscribe shows the chat's setting to anyone; with a time it changes it.
    public static readonly ChatCommand Subscribe = new("subscribe", "[HH:MM] [time zone]", "Get the daily brief here at a local time (admins)", false)
    {
        NeedsChatAdminFor = argument => argument.Length > 0,
        ForAdmins = true,
    };

    public static readonly ChatCommand Unsubscribe = new("unsubscribe", "", "Stop the daily brief here (admins)", false)
    {
        NeedsChatAdminFor = _ => true,
        ForAdmins = true,
    };

    // Listing is for everyone. Adding and removing change every chat's brief, so they have no chat-admin
    // rule: the router asks SourceEditCommand, which knows the operator's list of source editors.
    public static readonly ChatCommand Sources = new("sources", "[add <url> | remove <name>]", "The newsletters I read and their status; source editors may add or remove", false);

    public static IReadOnlyList<ChatCommand> All { get; } =
        [Start, Help, Brief, Digest, Index, Security, Ask, Subscribe, Unsubscribe, Sources];

    public static ChatCommand? Find(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the sender may run the request, by the uses of its command that need an admin: the router's one check.</summary>
    public static bool Allows(ChatRequest request) =>
        request.IsChatAdmin || Find(request.Command) is not { } command || !command.NeedsChatAdmin(request.Argument);

    /// <summary>
    /// Whether a platform adapter passes the request on: as <see cref="Allows"/>, and an admins' command
    /// not at all for other members (its menu entry is hidden from them too). The adapters then answer in
    /// their platform's terms (Discord: privately); they decide nothing themselves.
    /// </summary>
    public static bool AllowsFromPlatform(ChatRequest request) =>
        Allows(request) && (request.IsChatAdmin || Find(request.Command) is not { ForAdmins: true });

    /// <summary>"add" or "remove" when a /sources argument edits the sources, otherwise null.</summary>
    public static string? SourceEdit(string argument)
    {
        var first = argument.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()?.ToLowerInvariant();
        return first is "add" or "remove" ? first : null;
    }
}
