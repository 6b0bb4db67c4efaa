namespace CryptoDigest.Chat;

/// <summary>A command members can send, as listed by /help and registered with the platforms.</summary>
/// <param name="Name">The command without its slash.</param>
/// <param name="Arguments">How its arguments are written, empty when it takes none.</param>
/// <param name="Description">One line for /help and the platforms' command menus (at most 100 characters).</param>
/// <param name="NeedsArgument">Whether the command is meaningless without an argument.</param>
public sealed record ChatCommand(string Name, string Arguments, string Description, bool NeedsArgument)
{
    public string Usage => Arguments.Length == 0 ? $"/{Name}" : $"/{Name} {Arguments}";
}

/// <summary>Every command the bot understands; the one list /help, Telegram and Discord read.</summary>
public static class ChatCommands
{
    public static readonly ChatCommand Start = new("start", "", "Say hello and see what I can do", false);
    public static readonly ChatCommand Help = new("help", "", "List the commands", false);
    public static readonly ChatCommand Brief = new("brief", "", "Today's brief of the crypto newsletters", false);
    public static readonly ChatCommand Digest = new("digest", "[source]", "Latest newsletter summaries, optionally of one source", false);
    public static readonly ChatCommand Index = new("index", "<question>", "Ask about crypto indices: weighting, rebalancing, bear markets", true);
    public static readonly ChatCommand Security = new("security", "<question>", "Ask about crypto security: wallets, 2FA, phishing, hacks", true);
    public static readonly ChatCommand Ask = new("ask", "<question>", "Ask anything about indices, security or newsletters", true);
    public static readonly ChatCommand Subscribe = new("subscribe", "[HH:MM] [time zone]", "Get the daily brief here at a local time (admins)", false);
    public static readonly ChatCommand Unsubscribe = new("unsubscribe", "", "Stop the daily brief here (admins)", false);
    public static readonly ChatCommand Sources = new("sources", "[add <url> | remove <name>]", "The newsletters I read and their status; admins may add or remove", false);

    public static IReadOnlyList<ChatCommand> All { get; } =
        [Start, Help, Brief, Digest, Index, Security, Ask, Subscribe, Unsubscribe, Sources];

    public static ChatCommand? Find(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
