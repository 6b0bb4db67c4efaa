using System.Text.RegularExpressions;

namespace CryptoDigest.Feeds.Email;

/// <summary>
/// Reads newsletter links from their text and URL: which kind they are, where a click tracker
/// really points (only when the URL itself says so; the tracker is never contacted), and the
/// platform patterns of Substack and beehiiv issue addresses. See docs/email.md.
/// </summary>
public static partial class EmailLinks
{
    private static readonly string[] DestinationParameters = ["url", "u", "redirect", "redirect_url", "redirect_uri", "target", "dest", "destination", "link", "to", "goto", "r", "q"];

    // The longest text a link prompt or footer line is read as (a footer block is at most 400 characters).
    private const int MaxPromptChars = 500;

    private const int MaxHrefChars = 2_000;

    private static readonly string[] ShareHosts = ["twitter.com", "x.com", "facebook.com", "linkedin.com", "reddit.com", "t.me", "wa.me", "telegram.me", "api.whatsapp.com"];

    /// <summary>The kind of a link, from its visible text and its address.</summary>
    public static EmailLinkKind Classify(string text, string href)
    {
        var line = Prompt(text);
        href = href.Length <= MaxHrefChars ? href : href[..MaxHrefChars];
        if (UnsubscribeText().IsMatch(line) || UnsubscribeHref().IsMatch(href))
        {
            return EmailLinkKind.Unsubscribe;
        }

        if (WebVersionText().IsMatch(line))
        {
            return EmailLinkKind.WebVersion;
        }

        if (ShareText().IsMatch(line) || IsShareAddress(href))
        {
            return EmailLinkKind.Share;
        }

        return EmailLinkKind.Content;
    }

    /// <summary>
    /// The address a reader should get for a link: its own address without tracking parameters,
    /// the destination a click tracker carries in its URL, or null for a tracker that hides it
    /// (and for anything that is not http or https).
    /// </summary>
    public static Uri? Destination(string href)
    {
        if (!Uri.TryCreate(href.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var carried = CarriedDestination(uri, depth: 0);
        if (carried is not null)
        {
            return TrackingParameters.Strip(carried.AbsoluteUri);
        }

        return IsOpaqueTracker(uri) ? null : TrackingParameters.Strip(uri.AbsoluteUri);
    }

    /// <summary>
    /// An issue's canonical web address when the link follows Substack's or beehiiv's pattern
    /// (https://pub.substack.com/p/slug, open.substack.com/pub/pub/p/slug, https://pub.beehiiv.com/p/slug,
    /// or /p/slug on the newsletter's own host); else null.
    /// </summary>
    public static Uri? PlatformIssueAddress(Uri link, string? siteHost)
    {
        var host = link.IdnHost.ToLowerInvariant();
        var segments = link.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (host == "open.substack.com" && segments.Length >= 4 && segments[0] == "pub" && segments[2] == "p")
        {
            return new Uri($"https://{segments[1].ToLowerInvariant()}.substack.com/p/{segments[3]}");
        }

        var onPlatform = host.EndsWith(".substack.com", StringComparison.Ordinal) || host.EndsWith(".beehiiv.com", StringComparison.Ordinal)
            || (siteHost is not null && SameSite(host, siteHost));
        if (onPlatform && segments.Length >= 2 && segments[0] == "p" && !IsPlatformMachinery(host))
        {
            return new UriBuilder(link) { Query = string.Empty, Fragment = string.Empty, Path = $"/p/{segments[1]}" }.Uri;
        }

        return null;
    }

    /// <summary>True when <paramref name="host"/> is <paramref name="siteHost"/> or shares its name without "www.".</summary>
    public static bool SameSite(string host, string siteHost)
    {
        static string Bare(string h) => h.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? h[4..] : h;
        var a = Bare(host);
        var b = Bare(siteHost);
        return a.Equals(b, StringComparison.OrdinalIgnoreCase) || a.EndsWith("." + b, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True for a line of text that is a "view in browser" or "read online" prompt.</summary>
    public static bool IsWebVersionText(string text) => WebVersionText().IsMatch(Prompt(text));

    /// <summary>True for unsubscribe and preference text.</summary>
    public static bool IsUnsubscribeText(string text) => UnsubscribeText().IsMatch(Prompt(text));

    /// <summary>True for the "forwarded this e-mail? subscribe" box and footer boilerplate.</summary>
    public static bool IsBoilerplateText(string text) => Boilerplate().IsMatch(Prompt(text));

    /// <summary>
    /// The text as the patterns read it, on one line; empty when it is longer than any prompt or
    /// footer line, which bounds every pattern's input (a 100,000-character link text is content).
    /// </summary>
    private static string Prompt(string text)
    {
        if (text.Length > MaxPromptChars * 4)
        {
            return string.Empty;
        }

        var line = HtmlText.Collapse(text);
        return line.Length <= MaxPromptChars ? line : string.Empty;
    }

    /// <summary>Every http(s) URL in plain text.</summary>
    public static IEnumerable<string> UrlsIn(string text) => PlainUrl().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ';', ':', '!', '?'));

    /// <summary>Replaces each URL in plain text by its destination, or removes it when a tracker hides where it goes.</summary>
    public static string RewriteUrls(string text) =>
        PlainUrl().Replace(text, m =>
        {
            var url = m.Value.TrimEnd('.', ',', ';', ':', '!', '?');
            var tail = m.Value[url.Length..];
            return (Destination(url)?.AbsoluteUri ?? string.Empty) + tail;
        });

    private static Uri? CarriedDestination(Uri uri, int depth)
    {
        if (depth > 3)
        {
            return null;
        }

        if (uri.Query.Length > 1)
        {
            foreach (var pair in uri.Query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split('=', 2);
                if (parts.Length == 2 && DestinationParameters.Contains(parts[0], StringComparer.OrdinalIgnoreCase)
                    && AbsoluteHttp(Decode(parts[1])) is { } inner)
                {
                    return CarriedDestination(inner, depth + 1) ?? inner;
                }
            }
        }

        // Some trackers put the destination in the path: /redirect/https%3A%2F%2F... or /c/https://...
        var path = Decode(uri.AbsolutePath + uri.Query);
        var start = path.IndexOf("http", 1, StringComparison.OrdinalIgnoreCase);
        if (start > 0 && AbsoluteHttp(path[start..]) is { } fromPath)
        {
            return CarriedDestination(fromPath, depth + 1) ?? fromPath;
        }

        return null;
    }

    private static string Decode(string value)
    {
        var decoded = value;
        // Trackers often encode twice; two passes cover them without looping on odd input.
        for (var i = 0; i < 2 && decoded.Contains('%', StringComparison.Ordinal); i++)
        {
            decoded = Uri.UnescapeDataString(decoded.Replace('+', ' '));
        }

        return decoded;
    }

    private static Uri? AbsoluteHttp(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Contains('.', StringComparison.Ordinal)
            ? uri
            : null;

    /// <summary>A click tracker whose URL does not say where it goes (an id or a signed token only).</summary>
    private static bool IsOpaqueTracker(Uri uri)
    {
        var host = uri.IdnHost.ToLowerInvariant();
        var path = uri.AbsolutePath.ToLowerInvariant();
        return (host is "substack.com" or "email.substack.com" && path.StartsWith("/redirect/", StringComparison.Ordinal))
            || host.EndsWith("list-manage.com", StringComparison.Ordinal)
            || host.EndsWith("sendgrid.net", StringComparison.Ordinal)
            || host.EndsWith("mandrillapp.com", StringComparison.Ordinal)
            || host.EndsWith("mailgun.org", StringComparison.Ordinal)
            || host.EndsWith("hubspotlinks.com", StringComparison.Ordinal)
            || host.EndsWith("mlsend.com", StringComparison.Ordinal)
            || host.EndsWith("beehiiv.com", StringComparison.Ordinal) && (host.StartsWith("link.", StringComparison.Ordinal) || path.StartsWith("/ss/c/", StringComparison.Ordinal))
            || TrackerHost().IsMatch(host)
            || path.Contains("/track/click", StringComparison.Ordinal)
            || path.StartsWith("/ss/c/", StringComparison.Ordinal);
    }

    /// <summary>A platform's own mail and tracking hosts (link., email., mail.), never an issue's page.</summary>
    internal static bool IsPlatformMachinery(string host) =>
        host.StartsWith("link.", StringComparison.Ordinal) || host.StartsWith("email.", StringComparison.Ordinal) || host.StartsWith("mail.", StringComparison.Ordinal);

    private static bool IsShareAddress(string href)
    {
        if (!Uri.TryCreate(href.Trim(), UriKind.Absolute, out var uri))
        {
            return false;
        }

        var host = uri.IdnHost.ToLowerInvariant();
        var bare = host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
        var path = uri.AbsolutePath.ToLowerInvariant();
        if (ShareHosts.Contains(bare) && (path.Contains("share", StringComparison.Ordinal) || path.Contains("intent", StringComparison.Ordinal) || path.Contains("submit", StringComparison.Ordinal) || bare is "wa.me"))
        {
            return true;
        }

        return path.Contains("/action/share", StringComparison.Ordinal) || uri.Query.Contains("action=share", StringComparison.OrdinalIgnoreCase)
            || uri.Query.Contains("action=restack", StringComparison.OrdinalIgnoreCase) || path.EndsWith("/comments", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\bunsubscribe\b|\bopt[- ]?out\b|manage (your )?(subscriptions?|preferences|e-?mail settings)|(e-?mail|notification|subscription) (preferences|settings)|update (your )?(profile|preferences)|stop receiving", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UnsubscribeText();

    [GeneratedRegex(@"unsubscribe|/preferences|/manage-subscription|/opt-?out|list-manage\.com/profile", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UnsubscribeHref();

    [GeneratedRegex(@"^\W*((view|read|open|see)( this)?( e-?mail| post| issue| newsletter| message| edition)?( (in|on|with) (your |a |the )?(web )?(browser|web|website|online))|(read|view) (it |this )?online|web version|view as (a )?web ?page|(read|view) on (the )?(web|site|substack|beehiiv)|having trouble (viewing|reading)[^.]*)\W*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, matchTimeoutMilliseconds: 1000)]
    private static partial Regex WebVersionText();

    [GeneratedRegex(@"^\W*(share|share this( post| issue| e-?mail)?|tweet( this)?|like|comment|restack|forward( this| to a friend)?|leave a comment)\W*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ShareText();

    [GeneratedRegex(@"forwarded this (e-?mail|newsletter|message)|was this (e-?mail |newsletter )?forwarded to you|someone forwarded|you('re| are)? (receiv(ed|ing)|getting) this|you signed up|no longer (want|wish) to receive|why did i get this|sent to you because|all rights reserved|©\s*(\d{4}|[a-z])|copyright (©\s*)?\d{4}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Boilerplate();

    [GeneratedRegex(@"^(click|clicks|links?|email|track|trk|url\d*|em\d*)\.", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TrackerHost();

    [GeneratedRegex(@"https?://[^\s<>""'\)\]]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PlainUrl();
}
