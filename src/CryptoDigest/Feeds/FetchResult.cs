namespace CryptoDigest.Feeds;

/// <summary>What one fetch brought back: a 304 (nothing to do) or the body, with what conditional GET needs next time.</summary>
/// <param name="NotModified">The server answered 304: nothing changed, nothing was downloaded.</param>
/// <param name="Content">The body, decompressed; empty on a 304.</param>
/// <param name="Charset">The charset of the Content-Type, if any.</param>
/// <param name="FinalUrl">Where the body came from after redirects: the base for relative links.</param>
/// <param name="PermanentUrl">The new address when every redirect was permanent (301/308), else null: only then is a stored URL updated.</param>
/// <param name="ETag">The validator to send as If-None-Match next time.</param>
/// <param name="LastModified">The validator to send as If-Modified-Since next time.</param>
public sealed record FetchResult(bool NotModified, byte[] Content, string? Charset, Uri FinalUrl, Uri? PermanentUrl, string? ETag, string? LastModified);
