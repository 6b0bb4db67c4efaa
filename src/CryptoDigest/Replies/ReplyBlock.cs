namespace CryptoDigest.Replies;

/// <summary>One paragraph-sized part of a reply, with an optional heading and its citations.</summary>
public sealed record ReplyBlock(string? Heading, string Text, IReadOnlyList<Citation>? Citations = null)
{
    public IReadOnlyList<Citation> Citations { get; init; } = Citations ?? [];

    /// <summary>A fixed-width table whose columns must line up: monospace on Telegram, a code block on Discord.</summary>
    public bool Preformatted { get; init; }

    /// <summary>
    /// Text the bot wrote itself, whose @names are meant (e.g. @BotFather in a hint). By default a block may hold
    /// untrusted text (feed and e-mail titles and summaries, quoted text, model answers), and adapters keep its
    /// @names from notifying anyone.
    /// </summary>
    public bool Trusted { get; init; }
}
