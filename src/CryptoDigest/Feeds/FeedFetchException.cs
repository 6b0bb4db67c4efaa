namespace CryptoDigest.Feeds;

/// <summary>
/// A fetch that failed: <see cref="Exception.Message"/> is the one-line detail for the log and the
/// operator; <see cref="MemberMessage"/> is what a chat member may see, which never names an
/// internal address or a network error's text. <see cref="Transient"/> ones were worth retrying.
/// </summary>
public sealed class FeedFetchException(string message, bool transient, Exception? inner = null, string? memberMessage = null) : Exception(message, inner)
{
    public bool Transient { get; } = transient;

    /// <summary>The reason as members see it in /sources and replies.</summary>
    public string MemberMessage { get; } = memberMessage ?? message;
}
