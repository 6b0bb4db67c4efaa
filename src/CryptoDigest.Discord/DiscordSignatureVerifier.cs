using System.Text;
using NSec.Cryptography;

namespace CryptoDigest.Discord;

/// <summary>
/// Verifies Discord's Ed25519 signature of an interaction: the signed message is the
/// X-Signature-Timestamp header followed by the raw body bytes, exactly as received
/// (https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers).
/// Anything malformed is simply "not verified", never an exception, so it becomes a 401 rather than a 500.
/// </summary>
public sealed class DiscordSignatureVerifier
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;
    private readonly PublicKey? _key;

    public DiscordSignatureVerifier(string? publicKeyHex)
    {
        if (TryHex(publicKeyHex, 32, out var raw) && PublicKey.TryImport(Ed25519, raw, KeyBlobFormat.RawPublicKey, out var key))
        {
            _key = key;
        }
    }

    public bool Verify(string? signatureHex, string? timestamp, ReadOnlySpan<byte> rawBody)
    {
        if (_key is null || string.IsNullOrEmpty(timestamp) || !TryHex(signatureHex, 64, out var signature))
        {
            return false;
        }

        var timestampLength = Encoding.UTF8.GetByteCount(timestamp);
        var message = new byte[timestampLength + rawBody.Length];
        Encoding.UTF8.GetBytes(timestamp, message);
        rawBody.CopyTo(message.AsSpan(timestampLength));
        return Ed25519.Verify(_key, message, signature);
    }

    private static bool TryHex(string? hex, int bytes, out byte[] value)
    {
        value = [];
        if (hex is null || hex.Length != bytes * 2 || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        value = Convert.FromHexString(hex);
        return true;
    }
}
