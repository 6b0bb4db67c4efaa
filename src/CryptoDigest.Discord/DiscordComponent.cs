namespace CryptoDigest.Discord;

/// <summary>
/// A message component (https://discord.com/developers/docs/components/reference): an action row
/// (type 1) holding up to five buttons (type 2) with a style, a label and the custom_id Discord sends
/// back in a MESSAGE_COMPONENT interaction when one is pressed.
/// </summary>
public sealed record DiscordComponent(int Type)
{
    public const int ActionRow = 1;
    public const int Button = 2;
    public const int PrimaryStyle = 1;
    public const int SecondaryStyle = 2;

    public IReadOnlyList<DiscordComponent>? Components { get; init; }

    public int? Style { get; init; }

    public string? Label { get; init; }

    public string? CustomId { get; init; }
}
