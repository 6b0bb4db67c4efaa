namespace CryptoDigest.Discord;

/// <summary>The small print under an embed (plain text, no markdown).</summary>
public sealed record DiscordEmbedFooter(string Text);
