using System.Text.Json;
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

    public string? Nonce { get; init; }

    public bool? EnforceNonce { get; init; }

    /// <summary>Describes <see cref="File"/> to Discord (its id is the index of its files[n] part).</summary>
    public IReadOnlyList<DiscordAttachment>? Attachments { get; init; }

    /// <summary>A file sent with the message as a multipart upload; the JSON goes in payload_json beside it.</summary>
    [JsonIgnore]
    public DiscordFile? File { get; init; }
}

/// <summary>A file uploaded with a message (https://discord.com/developers/docs/reference#uploading-files).</summary>
public sealed record DiscordFile(string FileName, string ContentType, ReadOnlyMemory<byte> Content);

/// <summary>The partial attachment object that names an uploaded file.</summary>
public sealed record DiscordAttachment(int Id, string Filename, string? Description);

/// <summary>Which mentions Discord may turn into pings; <see cref="None"/> is <c>{"parse":[]}</c>.</summary>
public sealed record DiscordAllowedMentions(IReadOnlyList<string> Parse)
{
    public static DiscordAllowedMentions None { get; } = new([]);
}

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

/// <summary>An embed's image (https://discord.com/developers/docs/resources/message#embed-object-embed-image-structure).</summary>
public sealed record DiscordEmbedImage(string Url);

/// <summary>A name/value pair shown inside an embed.</summary>
public sealed record DiscordEmbedField(string Name, string Value);

/// <summary>The small print under an embed (plain text, no markdown).</summary>
public sealed record DiscordEmbedFooter(string Text);

/// <summary>Message flags we use (https://discord.com/developers/docs/resources/message#message-object-message-flags).</summary>
public static class DiscordMessageFlags
{
    public const int Ephemeral = 1 << 6;
}

/// <summary>JSON as Discord writes it: snake_case names, absent rather than null fields.</summary>
internal static class DiscordJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

// Inbound interaction (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object).
// Only the fields the bot reads; unknown fields are ignored.
internal sealed record DiscordInteraction(
    int Type,
    string? Id,
    string? ApplicationId,
    string? Token,
    string? GuildId,
    string? ChannelId,
    DiscordInteractionData? Data,
    DiscordMember? Member,
    DiscordUser? User);

internal sealed record DiscordInteractionData(string? Name, IReadOnlyList<DiscordInteractionOption>? Options);

internal sealed record DiscordInteractionOption(string Name, int Type, JsonElement? Value, bool? Focused);

internal sealed record DiscordMember(string? Permissions, DiscordUser? User);

internal sealed record DiscordUser(string Id);

internal static class InteractionType
{
    public const int Ping = 1;
    public const int ApplicationCommand = 2;
    public const int Autocomplete = 4;
}

internal static class InteractionCallbackType
{
    public const int Pong = 1;
    public const int ChannelMessageWithSource = 4;
    public const int DeferredChannelMessageWithSource = 5;
    public const int AutocompleteResult = 8;
}

internal sealed record InteractionCallback(int Type, object? Data = null);

internal sealed record AutocompleteData(IReadOnlyList<AutocompleteChoice> Choices);

internal sealed record AutocompleteChoice(string Name, string Value);
