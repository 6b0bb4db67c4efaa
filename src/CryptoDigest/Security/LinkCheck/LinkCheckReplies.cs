using System.Text;
using System.Text.RegularExpressions;
using CryptoDigest.Replies;

namespace CryptoDigest.Security.LinkCheck;

/// <summary>
/// Writes verdicts as chat replies. Addresses the check distrusts are written with "[.]" so no
/// platform turns them into links; the official domains stay as they are.
/// </summary>
public static partial class LinkCheckReplies
{
    /// <summary>One verdict as a block in the reply's language, its reasons worded from their keys.</summary>
    public static ReplyBlock Block(LinkVerdict verdict, IReadOnlySet<string> officialDomains, ReplyTexts? texts = null)
    {
        texts ??= ReplyTexts.English;
        var text = new StringBuilder();
        text.Append(texts.Format("LinkCheck.Verdict", Word(verdict.Risk, texts))).Append('\n');
        foreach (var reason in verdict.Reasons.Select(r => r.In(texts)))
        {
            text.Append("- ").Append(verdict.IsFlagged ? Defang(reason, officialDomains) : reason).Append('\n');
        }

        if (verdict.LookalikeOf is { } real)
        {
            text.Append(texts.Format("LinkCheck.RealSite", real));
        }

        var subject = verdict.Host ?? verdict.Input;
        return new ReplyBlock(texts.Format("LinkCheck.Heading", verdict.IsFlagged ? Defang(Shorten(subject), officialDomains) : Shorten(subject)), text.ToString().TrimEnd());
    }

    /// <summary>The verdicts, then the security hard rule (LinkCheck.HardRule), said with every security answer.</summary>
    public static ChatReply Reply(IEnumerable<LinkVerdict> verdicts, IReadOnlySet<string> officialDomains, ReplyTexts? texts = null)
    {
        texts ??= ReplyTexts.English;
        return new([.. verdicts.Select(v => Block(v, officialDomains, texts)), new ReplyBlock(null, texts["LinkCheck.HardRule"])]);
    }

    /// <summary>The verdict word members read; <see cref="LinkVerdict.Verdict"/> stays the English word the JSON output carries.</summary>
    public static string Word(LinkRisk risk, ReplyTexts texts) => texts[risk switch
    {
        LinkRisk.KnownBad => "LinkCheck.KnownBad",
        LinkRisk.Suspicious => "LinkCheck.Suspicious",
        _ => "LinkCheck.SafeLooking",
    }];

    /// <summary>The short warning scanning posts under a member's message, in the chat's language.</summary>
    public static ChatReply Warning(IReadOnlyList<LinkVerdict> flagged, IReadOnlySet<string> officialDomains, ReplyTexts? texts = null)
    {
        texts ??= ReplyTexts.English;
        var text = new StringBuilder();
        foreach (var verdict in flagged)
        {
            var subject = Defang(Shorten(verdict.Host ?? verdict.Input), officialDomains);
            var reason = Defang(verdict.Reasons[0].In(texts), officialDomains);
            text.Append(texts.Format(verdict.Risk == LinkRisk.KnownBad ? "LinkCheck.Warning.KnownBad" : "LinkCheck.Warning.Suspicious", subject, reason));
            if (verdict.LookalikeOf is { } real)
            {
                text.Append(' ').Append(texts.Format("LinkCheck.Warning.RealSite", real));
            }

            text.Append('\n');
        }

        text.Append(texts["LinkCheck.Warning.Advice"]);
        return new ChatReply([new ReplyBlock(texts["LinkCheck.Warning.Heading"], text.ToString())]) { Language = texts.Culture.Name };
    }

    /// <summary>Writes every domain-like word as "example[.]com", except the official domains.</summary>
    public static string Defang(string text, IReadOnlySet<string> officialDomains) =>
        DomainLike().Replace(text, m => officialDomains.Contains(m.Value.ToLowerInvariant()) ? m.Value : m.Value.Replace(".", "[.]", StringComparison.Ordinal));

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    [GeneratedRegex(@"(?<![\p{L}\p{N}_\-\[])(?:[\p{L}\p{N}][\p{L}\p{N}\p{Mn}_-]*\.)+[\p{L}\p{N}][\p{L}\p{N}\p{Mn}-]*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DomainLike();
}
