namespace CryptoDigest.Feeds;

/// <summary>A connection the <see cref="AddressGuard"/> refused; it surfaces as the fetch's error.</summary>
public sealed class BlockedAddressException(string message) : IOException(message);
