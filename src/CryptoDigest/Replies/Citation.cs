namespace CryptoDigest.Replies;

/// <summary>A source a block rests on: its name, and a link when it has one.</summary>
public sealed record Citation(string Title, Uri? Url = null);
