namespace CryptoDigest.Discord;

/// <summary>
/// Makes a message a reply to another (https://discord.com/developers/docs/resources/message#message-reference-structures);
/// fail_if_not_exists false posts the reply even when the original was deleted meanwhile.
/// </summary>
public sealed record DiscordMessageReference(string MessageId, bool FailIfNotExists = false);
