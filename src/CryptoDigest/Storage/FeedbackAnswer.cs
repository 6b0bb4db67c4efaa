namespace CryptoDigest.Storage;

/// <summary>
/// An answer the bot gave to /ask (or plain text) with the 👍/👎 buttons under it, kept so a vote has
/// something to point at and the evaluation export can show what was rated: the question, the answer's text
/// and sources, and what produced it (docs/feedback.md).
/// </summary>
public sealed class FeedbackAnswer
{
    public long Id { get; set; }
    public required string Platform { get; set; }

    /// <summary>The chat the answer went to: a vote from any other chat is refused.</summary>
    public required string ChatId { get; set; }

    /// <summary>The question as the member typed it (untrusted text, exported as data).</summary>
    public required string Question { get; set; }

    public required string Text { get; set; }

    /// <summary>The answer's citations as a JSON array of {"title", "url"}.</summary>
    public string Sources { get; set; } = "[]";

    /// <summary>The model that wrote it, or "offline" for an archive or knowledge answer.</summary>
    public required string Model { get; set; }

    public string PromptVersion { get; set; } = string.Empty;
    public required string Language { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
