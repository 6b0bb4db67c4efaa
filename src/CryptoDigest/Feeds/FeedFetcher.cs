using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Feeds;

/// <summary>
/// Fetches feeds politely and safely over the one shared HttpClient (a typed client): a
/// User-Agent naming the bot, conditional GET, gzip/deflate/brotli, redirects followed by
/// hand (at most Feeds:MaxRedirects, each hop re-checked by the <see cref="AddressGuard"/>,
/// which also vets the address every connection actually uses), one deadline per attempt
/// covering headers and body, a size cap counted on the decompressed bytes while reading
/// (docs/security-rules.md, section 6), and retries with exponential backoff on 5xx, network errors and
/// timeouts, never on 4xx. Retries are hand-written rather than a resilience pipeline: the
/// rules are four lines here and interact with the manual redirects and the size cap.
/// </summary>
public sealed partial class FeedFetcher(HttpClient http, AddressGuard guard, IOptions<FeedsOptions> options, TimeProvider time, ILogger<FeedFetcher> logger)
{
    private static readonly HtmlParser HtmlParser = new();

    // Doubling from Feeds:RetryDelayMilliseconds, as many times as Feeds:MaxRetries allows. Feeds that fail
    // together (one host's outage, a network blip) come back a little apart, not all in the same instant.
    private static Backoff RetryBackoff(FeedsOptions settings) =>
        new(TimeSpan.FromMilliseconds(settings.RetryDelayMilliseconds), TimeSpan.MaxValue) { Jitter = 0.2 };

    /// <summary>
    /// Fetches a feed; when the address gives an HTML page instead (a site URL), follows the
    /// page's &lt;link rel="alternate" type="application/rss+xml|atom+xml"&gt; once.
    /// </summary>
    /// <exception cref="FeedFetchException">The fetch failed or was refused; the message says why in one line.</exception>
    public async Task<FetchResult> FetchFeedAsync(Uri url, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        var result = await FetchAsync(url, etag, lastModified, cancellationToken);
        if (result.NotModified || !LooksLikeHtml(result.Content))
        {
            return result;
        }

        var feedUrl = DiscoverFeedUrl(FeedText.Decode(result.Content, result.Charset), result.FinalUrl)
            ?? throw new FeedFetchException($"{result.FinalUrl} is a web page that names no RSS or Atom feed", transient: false, memberMessage: "the address is a web page that names no RSS or Atom feed");
        LogDiscovered(logger, url, feedUrl);
        var feed = await FetchAsync(feedUrl, null, null, cancellationToken);
        return feed with { PermanentUrl = feed.PermanentUrl ?? feedUrl };
    }

    /// <summary>One fetch with retries on transient failures.</summary>
    /// <exception cref="FeedFetchException">The fetch failed or was refused.</exception>
    public async Task<FetchResult> FetchAsync(Uri url, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await FetchOnceAsync(url, etag, lastModified, settings, cancellationToken);
            }
            catch (FeedFetchException ex) when (ex.Transient && attempt < settings.MaxRetries)
            {
                var delay = RetryBackoff(settings).Delay(attempt + 1);
                LogRetrying(logger, url, attempt + 1, delay, ex.Message);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    /// <summary>The feed address a web page advertises, resolved against the page, or null.</summary>
    internal static Uri? DiscoverFeedUrl(string html, Uri pageUrl)
    {
        var document = HtmlParser.ParseDocument(html);
        foreach (var link in document.QuerySelectorAll("link[rel][href]"))
        {
            var rel = link.GetAttribute("rel") ?? string.Empty;
            var type = link.GetAttribute("type") ?? string.Empty;
            if (rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("alternate", StringComparer.OrdinalIgnoreCase)
                && (type.Contains("rss+xml", StringComparison.OrdinalIgnoreCase) || type.Contains("atom+xml", StringComparison.OrdinalIgnoreCase))
                && Uri.TryCreate(pageUrl, link.GetAttribute("href"), out var feedUrl))
            {
                return feedUrl;
            }
        }

        return null;
    }

    private async Task<FetchResult> FetchOnceAsync(Uri url, string? etag, string? lastModified, FeedsOptions settings, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(settings.TimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var current = url;
        var permanent = true;
        try
        {
            for (var hop = 0; hop <= settings.MaxRedirects; hop++)
            {
                EnsureAllowed(current, hop);
                using var request = ConditionalGet(current, etag, lastModified, settings);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308)
                {
                    // A stored address moves only when every hop was permanent (301/308), never on 302.
                    permanent &= status is 301 or 308;
                    current = RedirectTarget(response, current);
                    continue;
                }

                return await ReadResponseAsync(response, current, permanent && current != url ? current : null, etag, lastModified, settings, linked.Token);
            }

            throw new FeedFetchException($"more than {settings.MaxRedirects} redirects", transient: false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new FeedFetchException($"timed out after {settings.TimeoutSeconds} s", transient: true, memberMessage: $"{AddressGuard.Unreachable} (no answer within {settings.TimeoutSeconds} s)");
        }
        catch (HttpRequestException ex) when (FindBlocked(ex) is { } blocked)
        {
            throw new FeedFetchException($"refused {current}: {blocked.Message}", transient: false, ex, AddressGuard.NotPublic);
        }
        catch (HttpRequestException ex)
        {
            throw new FeedFetchException($"network error: {OneLine(ex.InnerException?.Message ?? ex.Message)}", transient: true, ex, AddressGuard.Unreachable);
        }
    }

    private void EnsureAllowed(Uri url, int hop)
    {
        if (guard.CheckUrl(url) is { } refusal)
        {
            throw new FeedFetchException($"refused {(hop == 0 ? "address" : "redirect to")} {url}: {refusal}", transient: false, memberMessage: AddressGuard.MemberReason(refusal));
        }
    }

    /// <summary>A final (not redirecting) response: not modified, an HTTP error, or the feed's body within the size cap.</summary>
    private static async Task<FetchResult> ReadResponseAsync(
        HttpResponseMessage response, Uri finalUrl, Uri? permanentUrl, string? etag, string? lastModified, FeedsOptions settings, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return new FetchResult(true, [], null, finalUrl, null, etag, lastModified);
        }

        if (!response.IsSuccessStatusCode)
        {
            var reason = $"HTTP {status} {response.ReasonPhrase}".TrimEnd();
            throw new FeedFetchException(reason, transient: status >= 500 || status == 408, memberMessage: $"{AddressGuard.Unreachable} (HTTP {status})");
        }

        var body = await ReadCappedAsync(response.Content, settings.MaxFeedBytes, cancellationToken);
        return new FetchResult(
            false,
            body,
            response.Content.Headers.ContentType?.CharSet,
            finalUrl,
            permanentUrl,
            response.Headers.ETag?.ToString(),
            response.Content.Headers.LastModified?.ToString("R"));
    }

    private static HttpRequestMessage ConditionalGet(Uri url, string? etag, string? lastModified, FeedsOptions settings)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", settings.UserAgent);
        request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8");
        if (!string.IsNullOrEmpty(etag))
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (!string.IsNullOrEmpty(lastModified))
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
        }

        return request;
    }

    private static Uri RedirectTarget(HttpResponseMessage response, Uri current)
    {
        var status = (int)response.StatusCode;
        if (response.Headers.Location is not { } location)
        {
            throw new FeedFetchException($"HTTP {status} redirect without a Location", transient: false, memberMessage: $"{AddressGuard.Unreachable} (HTTP {status} without a Location)");
        }

        return location.IsAbsoluteUri ? location : new Uri(current, location);
    }

    /// <summary>Reads the body, refusing it as soon as it passes the cap: Content-Length may be absent or false.</summary>
    private static async Task<byte[]> ReadCappedAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            throw new FeedFetchException($"the feed is larger than the {maxBytes:N0} bytes allowed", transient: false);
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new FeedFetchException($"the feed is larger than the {maxBytes:N0} bytes allowed", transient: false);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static BlockedAddressException? FindBlocked(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is BlockedAddressException blocked)
            {
                return blocked;
            }
        }

        return null;
    }

    private static bool LooksLikeHtml(byte[] content)
    {
        var head = System.Text.Encoding.ASCII.GetString(content, 0, Math.Min(content.Length, 1024)).TrimStart();
        return (head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || head.Contains("<html", StringComparison.OrdinalIgnoreCase))
            && !head.Contains("<rss", StringComparison.OrdinalIgnoreCase)
            && !head.Contains("<feed", StringComparison.OrdinalIgnoreCase)
            && !head.Contains("<rdf:RDF", StringComparison.OrdinalIgnoreCase);
    }

    private static string OneLine(string message) => string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The handler every feed request goes through: no automatic redirects, no proxy (the guard must see the real target), every decompression.</summary>
    internal static SocketsHttpHandler CreateHandler(AddressGuard guard) => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        UseProxy = false,
        UseCookies = false,
        ConnectCallback = guard.ConnectAsync,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "{PageUrl} is a web page; its feed is {FeedUrl}")]
    private static partial void LogDiscovered(ILogger logger, Uri pageUrl, Uri feedUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetching {Url} failed (attempt {Attempt}), retrying in {Delay}: {Reason}")]
    private static partial void LogRetrying(ILogger logger, Uri url, int attempt, TimeSpan delay, string reason);
}
