using CryptoDigest.Chat;
using CryptoDigest.Chat.Commands;
using CryptoDigest.Replies;

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

    // Discord has no /start convention; every other command is offered. Descriptions are the English ones with
    // description_localizations for the other shipped languages (DiscordLocales).
    public static IReadOnlyList<DiscordApplicationCommand> All { get; } = ChatCommands.All
        .Where(c => c != StartCommand.Entry)
        .Select(c => new DiscordApplicationCommand(
            c.Name,
            c.Description,
            ChatInput,
            OptionsOf(c),
            c.IsForAdmins ? ManageChannels.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            DiscordLocales.Localize(c.DescriptionIn)))
        .ToList();

    /// <summary>The options of a command in the order their values make up the router's argument.</summary>
    private static IReadOnlyList<DiscordCommandOption>? OptionsOf(ChatCommand command) => command.Name switch
    {
        "digest" => [Text(command, "source", required: false, autocomplete: true)],
        "index" or "security" or "ask" => [Text(command, "question", required: true)],
        "search" => [Text(command, "words", required: true)],
        "subscribe" =>
        [
            Text(command, "time", required: false, autocomplete: true, maxLength: 5),
            Text(command, "timezone", required: false, autocomplete: true),
        ],
        "settings" =>
        [
            Text(command, "setting", required: false, maxLength: 20),
            Text(command, "value", required: false),
        ],
        // One free-text option, so "add <url>" or "remove <name>" reaches the router as typed; only listed source editors get past it there.
        "sources" => [Text(command, "edit", required: false)],
        _ => null,
    };

    /// <summary>The resource key of an option's description ("Command.digest.Option.source"), in every shipped language.</summary>
    public static string OptionKey(string command, string option) => $"Command.{command}.Option.{option}";

    private static DiscordCommandOption Text(ChatCommand command, string name, bool required, bool autocomplete = false, int maxLength = 500)
    {
        var key = OptionKey(command.Name, name);
        return new(StringOption, name, ReplyTexts.English[key], required ? true : null, autocomplete ? true : null, MaxLength: maxLength, DiscordLocales.Localize(t => t[key]));
    }
}
