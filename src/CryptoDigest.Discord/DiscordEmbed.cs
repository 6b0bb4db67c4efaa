using System.Text.Json.Serialization;

namespace CryptoDigest.Discord;

/// <summary>One embed (https://discord.com/developers/docs/resources/message#embed-object).</summary>
public sealed record DiscordEmbed
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<DiscordEmbedField>? Fields { get; init; }

    public DiscordEmbedFooter? Footer { get; init; }

    /// <summary>An image shown in the embed; <c>attachment://name</c> points at a file uploaded with the message.</summary>
    public DiscordEmbedImage? Image { get; init; }

    /// <summary>The characters Discord counts toward the 6000-per-message embed limit.</summary>
    [JsonIgnore]
    public int Length =>
        (Title?.Length ?? 0) + (Description?.Length ?? 0) + (Footer?.Text.Length ?? 0)
        + (Fields?.Sum(f => f.Name.Length + f.Value.Length) ?? 0);
}
