namespace CryptoDigest.Replies;

/// <summary>An image to send with the reply (a chart), with its caption.</summary>
public sealed record ReplyImage(ReadOnlyMemory<byte> Png, string Caption);
