using CryptoDigest.Replies;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Security.LinkCheck;

/// <summary>
/// Opt-in scanning of members' messages in chats whose admins turned it on: links are checked,
/// suspicious and known-bad ones get a short explaining reply; only counters are kept. Deleting is
/// the operator's choice (LinkCheck:DeleteFlaggedMessages) and only ever for known-bad links.
/// </summary>
public sealed class LinkScanner(LinkChecker checker, LinkFinder finder, LinkScanStore scans, IOptions<LinkCheckOptions> options)
{
    public static ScanOutcome Nothing { get; } = new([], new HashSet<string>(), false);

    public async Task<ScanOutcome> ScanAsync(ChatPlatform platform, string chatId, string text, IReadOnlyList<string> hiddenLinks, CancellationToken cancellationToken)
    {
        if (!await scans.IsEnabledAsync(platform, chatId, cancellationToken))
        {
            return Nothing;
        }

        var max = options.Value.MaxLinksPerMessage;
        var links = finder.Find(text, max).Concat(hiddenLinks).Distinct(StringComparer.OrdinalIgnoreCase).Take(max).ToList();
        if (links.Count == 0)
        {
            return Nothing;
        }

        var flagged = links.Select(checker.Check).Where(v => v.IsFlagged).ToList();
        await scans.CountAsync(platform, chatId, links.Count, flagged.Count, cancellationToken);
        if (flagged.Count == 0)
        {
            return Nothing;
        }

        var delete = options.Value.DeleteFlaggedMessages && flagged.Any(v => v.Risk == LinkRisk.KnownBad);
        return new ScanOutcome(flagged, checker.OfficialDomains, delete);
    }
}
