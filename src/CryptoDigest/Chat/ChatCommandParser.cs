namespace CryptoDigest.Chat;

/// <summary>
/// Parses <c>/cmd</c>, <c>/cmd@BotName args</c> and plain text the way Telegram clients send
/// them (https://core.telegram.org/bots/features#commands): a command is a slash, then up to
/// 32 letters, digits and underscores, optionally followed by @ and the bot's username.
/// </summary>
public static class ChatCommandParser
{
    private const int MaxCommandLength = 32;

    public static ParsedMessage Parse(string? text, string? botUserName = null)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length < 2 || trimmed[0] != '/')
        {
            return new ParsedMessage(string.Empty, trimmed);
        }

        var end = 1;
        while (end < trimmed.Length && !char.IsWhiteSpace(trimmed[end]))
        {
            end++;
        }

        var token = trimmed[1..end];
        var argument = trimmed[end..].Trim();
        string? addressee = null;
        var at = token.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            addressee = token[(at + 1)..];
            token = token[..at];
        }

        if (token.Length == 0 || token.Length > MaxCommandLength || !token.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            // "/ hello", "/🙂" or a path like "/usr/bin": not a command, so the whole text is the message.
            return new ParsedMessage(string.Empty, trimmed);
        }

        var forAnotherBot = addressee is not null
            && botUserName is not null
            && !string.Equals(addressee, botUserName.TrimStart('@'), StringComparison.OrdinalIgnoreCase);
        return new ParsedMessage(token.ToLowerInvariant(), argument, forAnotherBot);
    }
}
