namespace CryptoDigest.Storage;

/// <summary>An incoming platform update already taken for processing, so a re-sent one is not answered twice across instances.</summary>
public sealed class ProcessedUpdate
{
    public long Id { get; set; }
    public required string Platform { get; set; }
    public long UpdateId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>
    /// The raw update as a webhook received it, kept until it is answered or failed outright: a webhook update was
    /// acknowledged before it was processed, so after a crash this is the only copy (docs/hardening.md). Null once
    /// done, and always for polled updates (Telegram keeps those until the offset passes them).
    /// </summary>
    public string? Payload { get; set; }
}
