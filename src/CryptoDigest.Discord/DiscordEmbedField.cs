namespace CryptoDigest.Discord;

/// <summary>A name/value pair shown inside an embed.</summary>
public sealed record DiscordEmbedField(string Name, string Value);
