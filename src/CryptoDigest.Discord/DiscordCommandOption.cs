namespace CryptoDigest.Discord;

/// <summary>A command option (type 3 is STRING), its description also per Discord locale.</summary>
public sealed record DiscordCommandOption(
    int Type,
    string Name,
    string Description,
    bool? Required = null,
    bool? Autocomplete = null,
    int? MaxLength = null,
    IReadOnlyDictionary<string, string>? DescriptionLocalizations = null);
