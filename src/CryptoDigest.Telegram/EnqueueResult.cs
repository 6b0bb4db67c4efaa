namespace CryptoDigest.Telegram;

/// <summary>What happened to an update offered to the queue.</summary>
internal enum EnqueueResult
{
    Accepted,
    Duplicate,
    Full,
}
