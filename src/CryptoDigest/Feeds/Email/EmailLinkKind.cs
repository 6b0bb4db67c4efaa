namespace CryptoDigest.Feeds.Email;

/// <summary>What a newsletter link is, judged from its text and address alone (nothing is ever fetched).</summary>
public enum EmailLinkKind
{
    /// <summary>An ordinary link, kept with tracking parameters removed.</summary>
    Content,

    /// <summary>"View in browser", "Read online" and the like: the issue's own web address.</summary>
    WebVersion,

    /// <summary>Unsubscribe, manage preferences: never followed, never shown.</summary>
    Unsubscribe,

    /// <summary>Share, like, comment buttons.</summary>
    Share,
}
