namespace CryptoDigest.Discord;

/// <summary>A file uploaded with a message (https://discord.com/developers/docs/reference#uploading-files).</summary>
public sealed record DiscordFile(string FileName, string ContentType, ReadOnlyMemory<byte> Content);
