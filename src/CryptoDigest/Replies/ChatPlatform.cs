namespace CryptoDigest.Replies;

/// <summary>The chat platforms a request can come from.</summary>
public enum ChatPlatform
{
    Console,
    Telegram,
    Discord,
}
