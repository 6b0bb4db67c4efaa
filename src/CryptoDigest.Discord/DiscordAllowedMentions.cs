namespace CryptoDigest.Discord;

/// <summary>Which mentions Discord may turn into pings; <see cref="None"/> is <c>{"parse":[]}</c>.</summary>
public sealed record DiscordAllowedMentions(IReadOnlyList<string> Parse)
{
    public static DiscordAllowedMentions None { get; } = new([]);
}
