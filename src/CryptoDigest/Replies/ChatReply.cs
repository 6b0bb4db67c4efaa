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

    /// <summary>The language (a shipped code) of the labels adapters add when rendering, such as a citation's "Source:".</summary>
    public string Language { get; init; } = "en";

    /// <summary>A reply of one untitled block of text.</summary>
    public static ChatReply Text(string text) => new([new ReplyBlock(null, text)]);

    /// <summary>All the text of the reply, for logs and tests.</summary>
    public override string ToString() => string.Join("\n\n", Blocks.Select(b => b.Heading is null ? b.Text : $"{b.Heading}\n{b.Text}"));
}
