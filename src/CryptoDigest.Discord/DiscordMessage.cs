using System.Text.Json.Serialization;

namespace CryptoDigest.Discord;

/// <summary>A message body as Discord's REST and interaction endpoints take it (Create Message, Execute Webhook, callback data).</summary>
public sealed record DiscordMessage
{
    public string? Content { get; init; }

    public IReadOnlyList<DiscordEmbed>? Embeds { get; init; }

    /// <summary>Always present and empty by default: nothing the bot relays may ping anyone.</summary>
    public DiscordAllowedMentions AllowedMentions { get; init; } = DiscordAllowedMentions.None;

    public int? Flags { get; init; }

    /// <summary>Action rows of buttons under the message (the /settings buttons).</summary>
    public IReadOnlyList<DiscordComponent>? Components { get; init; }

    public string? Nonce { get; init; }

    /// <summary>The member's message this one answers (link scanning's warnings), if any.</summary>
    public DiscordMessageReference? MessageReference { get; init; }

    public bool? EnforceNonce { get; init; }

    /// <summary>Describes <see cref="File"/> to Discord (its id is the index of its files[n] part).</summary>
    public IReadOnlyList<DiscordAttachment>? Attachments { get; init; }

    /// <summary>A file sent with the message as a multipart upload; the JSON goes in payload_json beside it.</summary>
    [JsonIgnore]
    public DiscordFile? File { get; init; }
}
