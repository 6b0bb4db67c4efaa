using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.IntegrationTests.Feeds;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, a free port) standing in for newsletter sites:
/// each test maps the answers it needs and reads back which requests arrived.
/// </summary>
public sealed class FeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FeedServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Every request that reached the server, as "GET /path", in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The If-None-Match header of each request, empty when absent.</summary>
    public ConcurrentQueue<string> IfNoneMatch { get; } = new();

    public Uri Url(string path) => new(BaseUrl, path);

    public int CountOf(string path) => Requests.Count(r => r == "GET " + path);

    public static async Task<FeedServer> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        FeedServer? server = null;
        app.Use(async (context, next) =>
        {
            server!.Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            server.IfNoneMatch.Enqueue(context.Request.Headers.IfNoneMatch.ToString());
            await next(context);
        });
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FeedServer(app, new Uri(address + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Small RSS documents for the server to serve.</summary>
public static class FeedDocuments
{
    public static string Rss(params (string Guid, string Title, string Text, string Link)[] items) =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Test newsletter</title><link>https://news.example.com/</link>
        {string.Concat(items.Select(i => $"<item><title>{i.Title}</title><link>{System.Security.SecurityElement.Escape(i.Link)}</link><guid isPermaLink=\"false\">{i.Guid}</guid><pubDate>Tue, 18 Nov 2025 10:00:00 GMT</pubDate><content:encoded><![CDATA[<p>{i.Text}</p>]]></content:encoded></item>"))}
        </channel></rss>
        """;

    public static string Simple(string name, int count = 2) =>
        Rss(Enumerable.Range(1, count).Select(n => ($"{name}-{n}", $"{name} issue {n}", $"Text of {name} issue {n}.", $"https://news.example.com/{name}/{n}")).ToArray());

    public const string BillionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE rss [
          <!ENTITY lol "lol">
          <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><guid>1</guid></item></channel></rss>
        """;
}

/// <summary>Helpers for the server's endpoints.</summary>
public static class FeedResponses
{
    public static Task WriteRssAsync(HttpContext context, string body)
    {
        context.Response.ContentType = "application/rss+xml; charset=utf-8";
        return context.Response.WriteAsync(body);
    }
}
