using System.Buffers;

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

        // A pooled chunk: an update is a few hundred bytes, and a fresh 16 KB array per webhook call was a tenth of
        // the bytes the webhook allocated.
        var chunk = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            using var buffer = new MemoryStream(declaredLength is > 0 and var length ? (int)length : 0);
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
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
