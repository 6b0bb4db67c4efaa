namespace CryptoDigest.Feeds.Email;

/// <summary>A newsletter e-mail that could not be turned into an article; the message is one line for logs and reports.</summary>
public sealed class EmailFormatException(string message, Exception? inner = null) : Exception(message, inner);
