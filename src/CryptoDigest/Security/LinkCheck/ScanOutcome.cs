using CryptoDigest.Replies;

namespace CryptoDigest.Security.LinkCheck;

/// <summary>
/// What scanning one message decided: the flagged links (none: nothing to post) and whether to delete it. The
/// warning is worded only once the adapter has settled the chat's language (<see cref="WarningIn"/>), so a
/// message with no flagged link costs no language lookup.
/// </summary>
public sealed record ScanOutcome(IReadOnlyList<LinkVerdict> Flagged, IReadOnlySet<string> OfficialDomains, bool Delete)
{
    /// <summary>Whether there is a warning to post.</summary>
    public bool Warns => Flagged.Count > 0;

    /// <summary>The warning in a language.</summary>
    public ChatReply WarningIn(ReplyTexts texts) => LinkCheckReplies.Warning(Flagged, OfficialDomains, texts);
}
