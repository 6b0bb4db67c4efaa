namespace CryptoDigest.Feeds;

/// <summary>A feed that could not be parsed at all; the message is one line that says why, for the source's status.</summary>
public sealed class FeedFormatException(string message, Exception? inner = null) : Exception(message, inner);
