namespace CryptoDigest;

/// <summary>
/// Reads a request body that may be no larger than a limit: the Telegram webhook and the Discord interactions
/// endpoint both refuse an oversized body, checked while reading, since a sender may leave Content-Length out
/// or state less than it sends.
/// </summary>
public static class BoundedBody
{
    /// <summary>The body's bytes, or null when the declared length or what arrives is over <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? declaredLength, long maxBytes, CancellationToken cancellationToken)
    {
        if (declaredLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
