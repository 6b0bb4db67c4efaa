namespace CryptoDigest.Telegram;

/// <summary>One message ready for Telegram: HTML for parse_mode HTML, and the same text without markup as the fallback.</summary>
/// <param name="Html">Text for parse_mode HTML: every piece of text escaped, only Telegram's own tags.</param>
/// <param name="PlainText">The same part as plain text (links written out when they fit), sent without parse_mode if Telegram rejects the markup.</param>
public sealed record TelegramMessagePart(string Html, string PlainText);
