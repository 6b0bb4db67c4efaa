namespace CryptoDigest.Telegram;

/// <summary>What the sender needs from a sent message: its id.</summary>
internal sealed class SentMessageId
{
    public int MessageId { get; set; }
}
