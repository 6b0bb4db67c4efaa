namespace CryptoDigest.Discord;

/// <summary>A CHAT_INPUT command as the bulk-overwrite endpoint takes it, its description also per Discord locale.</summary>
public sealed record DiscordApplicationCommand(
    string Name,
    string Description,
    int Type,
    IReadOnlyList<DiscordCommandOption>? Options,
    string? DefaultMemberPermissions,
    IReadOnlyDictionary<string, string>? DescriptionLocalizations = null);
