using CryptoDigest.Chat;
using CryptoDigest.Chat.Commands;

namespace CryptoDigest.Discord;

/// <summary>
/// The slash commands, built from <see cref="ChatCommands"/> (names and descriptions live there once)
/// with typed options (https://discord.com/developers/docs/interactions/application-commands#application-command-object).
/// Admins' commands (ChatCommand.IsForAdmins: a member would be refused the bare command) default to
/// members with Manage Channels; that only hides them, the endpoint applies each command's admin rule.
/// </summary>
public static class DiscordApplicationCommands
{
    /// <summary>MANAGE_CHANNELS (1 &lt;&lt; 4) and ADMINISTRATOR (1 &lt;&lt; 3) from the permission bitfield.</summary>
    public const ulong ManageChannels = 1UL << 4;
    public const ulong Administrator = 1UL << 3;

    /// <summary>MANAGE_GUILD (1 &lt;&lt; 5), "Manage Server" in the client: what turning link scanning on or off takes.</summary>
    public const ulong ManageGuild = 1UL << 5;

    private const int ChatInput = 1;
    private const int StringOption = 3;

    // Discord has no /start convention; every other command is offered.
    public static IReadOnlyList<DiscordApplicationCommand> All { get; } = ChatCommands.All
        .Where(c => c != StartCommand.Entry)
        .Select(c => new DiscordApplicationCommand(
            c.Name,
            c.Description,
            ChatInput,
            OptionsOf(c),
            c.IsForAdmins ? ManageChannels.ToString(System.Globalization.CultureInfo.InvariantCulture) : null))
        .ToList();

    /// <summary>The options of a command in the order their values make up the router's argument.</summary>
    private static IReadOnlyList<DiscordCommandOption>? OptionsOf(ChatCommand command) => command.Name switch
    {
        "digest" => [Text("source", "Only this newsletter", required: false, autocomplete: true)],
        "index" => [Text("question", "What you want to know about crypto indices", required: true)],
        "security" => [Text("question", "What you want to know about crypto security", required: true)],
        "ask" => [Text("question", "Your question about indices, security or newsletters", required: true)],
        "search" => [Text("words", "Words to find in newsletter issues; add source:<name> or days:<n> to narrow", required: true)],
        "subscribe" =>
        [
            Text("time", "Local delivery time as HH:MM, e.g. 08:00", required: false, autocomplete: true, maxLength: 5),
            Text("timezone", "IANA time zone, e.g. Europe/Berlin", required: false, autocomplete: true),
        ],
        "settings" =>
        [
            Text("setting", "Admins: language, topics, length, cadence, market, time, zone or sources", required: false, maxLength: 20),
            Text("value", "Its new value, e.g. headlines, +eth -nft, weekly mon, on", required: false),
        ],
        // One free-text option, so "add <url>" or "remove <name>" reaches the router as typed; only listed source editors get past it there.
        "sources" => [Text("edit", "Source editors only: add <feed URL> or remove <name>", required: false)],
        _ => null,
    };

    private static DiscordCommandOption Text(string name, string description, bool required, bool autocomplete = false, int maxLength = 500) =>
        new(StringOption, name, description, required ? true : null, autocomplete ? true : null, MaxLength: maxLength);
}
