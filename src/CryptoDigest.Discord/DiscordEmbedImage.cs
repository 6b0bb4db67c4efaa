namespace CryptoDigest.Discord;

/// <summary>An embed's image (https://discord.com/developers/docs/resources/message#embed-object-embed-image-structure).</summary>
public sealed record DiscordEmbedImage(string Url);
