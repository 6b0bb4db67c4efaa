namespace CryptoDigest.Discord;

/// <summary>The partial attachment object that names an uploaded file.</summary>
public sealed record DiscordAttachment(int Id, string Filename, string? Description);
