namespace CryptoDigest.Replies;

/// <summary>
/// What the bot answers, independent of any platform: ordered blocks of text, each with
/// the sources it rests on. Adapters render it (Telegram HTML, Discord embeds, plain text)
/// and split it to their limits; nothing in here is markup.
/// </summary>
public sealed record ChatReply(IReadOnlyList<ReplyBlock> Blocks, ReplyImage? Image = null)
{
    /// <summary>Rows of buttons shown under the reply (its last message), rendered by each platform its own way; empty for none.</summary>
    public IReadOnlyList<IReadOnlyList<ReplyButton>> Buttons { get; init; } = [];

    /// <summary>A reply of one untitled block of text.</summary>
    public static ChatReply Text(string text) => new([new ReplyBlock(null, text)]);

    /// <summary>All the text of the reply, for logs and tests.</summary>
    public override string ToString() => string.Join("\n\n", Blocks.Select(b => b.Heading is null ? b.Text : $"{b.Heading}\n{b.Text}"));
}

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

/// <summary>A source a block rests on: its name, and a link when it has one.</summary>
public sealed record Citation(string Title, Uri? Url = null);

/// <summary>An image to send with the reply (a chart), with its caption.</summary>
public sealed record ReplyImage(ReadOnlyMemory<byte> Png, string Caption);
