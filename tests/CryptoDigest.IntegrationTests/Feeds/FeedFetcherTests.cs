using System.IO.Compression;
using System.Text;
using CryptoDigest.Feeds;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CryptoDigest.IntegrationTests.Feeds;

/// <summary>The guarded fetcher against a real HTTP server on loopback.</summary>
public class FeedFetcherTests
{
    [Fact]
    public async Task A_gzip_compressed_feed_is_decompressed_and_sends_a_user_agent_naming_the_bot()
    {
        string? userAgent = null;
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/gz", async context =>
        {
            userAgent = context.Request.Headers.UserAgent;
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentType = "application/rss+xml";
            await using var gzip = new GZipStream(context.Response.Body, CompressionLevel.Fastest, leaveOpen: true);
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(FeedDocuments.Simple("gz")));
        }));
        await using var services = FeedTestServices.Build();

        var result = await services.Fetcher().FetchAsync(server.Url("/gz"), null, null, CancellationToken.None);

        var feed = FeedParser.Parse(result.Content, result.Charset, result.FinalUrl, DateTimeOffset.UnixEpoch);
        Assert.Equal(["gz issue 1", "gz issue 2"], feed.Items.Select(i => i.Title));
        Assert.StartsWith("CryptoDigestBot/", userAgent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_body_without_a_content_length_is_refused_while_reading()
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/big", async context =>
        {
            context.Response.ContentType = "application/rss+xml";
            var chunk = Encoding.ASCII.GetBytes(new string('x', 16 * 1024));
            for (var i = 0; i < 64 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        }));
        await using var services = FeedTestServices.Build(settings: ("Feeds:MaxFeedBytes", "65536"));

        var error = await Assert.ThrowsAsync<FeedFetchException>(() => services.Fetcher().FetchAsync(server.Url("/big"), null, null, CancellationToken.None));

        Assert.Equal("the feed is larger than the 65,536 bytes allowed", error.Message);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_with_a_clear_error()
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/hang", async context =>
            await Task.Delay(Timeout.Infinite, context.RequestAborted)));
        await using var services = FeedTestServices.Build(settings: [("Feeds:TimeoutSeconds", "1"), ("Feeds:MaxRetries", "0")]);

        var error = await Assert.ThrowsAsync<FeedFetchException>(() => services.Fetcher().FetchAsync(server.Url("/hang"), null, null, CancellationToken.None));

        Assert.Equal("timed out after 1 s", error.Message);
    }

    [Fact]
    public async Task A_500_is_retried_with_backoff_and_then_reported()
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/500", () => Results.StatusCode(500)));
        await using var services = FeedTestServices.Build(settings: ("Feeds:MaxRetries", "2"));

        var error = await Assert.ThrowsAsync<FeedFetchException>(() => services.Fetcher().FetchAsync(server.Url("/500"), null, null, CancellationToken.None));

        Assert.StartsWith("HTTP 500", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.CountOf("/500"));
    }

    [Fact]
    public async Task A_404_is_not_retried()
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/gone", () => Results.NotFound()));
        await using var services = FeedTestServices.Build(settings: ("Feeds:MaxRetries", "3"));

        var error = await Assert.ThrowsAsync<FeedFetchException>(() => services.Fetcher().FetchAsync(server.Url("/gone"), null, null, CancellationToken.None));

        Assert.StartsWith("HTTP 404", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.CountOf("/gone"));
    }

    // The redirect targets are hosts the guard refuses before any connection: nothing here leaves loopback.
    [Theory]
    [InlineData("http", "169.254.169.254", "169.254.169.254 is a link-local address")]
    [InlineData("http", "::ffff:a9fe:a9fe", "is a link-local address")]
    [InlineData("http", "metadata.google.internal", "metadata.google.internal is a cloud metadata service")]
    [InlineData("http", "10.0.0.1", "10.0.0.1 is a private address")]
    [InlineData("file", "", "only http and https")]
    public async Task A_redirect_into_the_hosts_network_or_cloud_metadata_is_refused(string scheme, string host, string expected)
    {
        var target = new UriBuilder(scheme, host) { Path = "/latest/meta-data/" }.Uri.AbsoluteUri;
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/redirect", () => Results.Redirect(target)));
        await using var services = FeedTestServices.Build();

        var error = await Assert.ThrowsAsync<FeedFetchException>(() => services.Fetcher().FetchAsync(server.Url("/redirect"), null, null, CancellationToken.None));

        Assert.StartsWith("refused redirect to ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_resolving_to_the_hosts_own_addresses_is_refused_after_dns_resolution()
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/feed", context => FeedResponses.WriteRssAsync(context, FeedDocuments.Simple("x"))));
        await using var services = FeedTestServices.Build(settings: ("Feeds:AllowLoopback", "false"));
        // The machine's own name is not a loopback literal: only resolving it reveals a loopback or private address.
        var byResolution = new UriBuilder(Uri.UriSchemeHttp, System.Net.Dns.GetHostName(), server.BaseUrl.Port, "/feed").Uri;

        var error = await Assert.ThrowsAsync<FeedFetchException>(() => services.Fetcher().FetchAsync(byResolution, null, null, CancellationToken.None));

        Assert.StartsWith("refused ", error.Message, StringComparison.Ordinal);
        Assert.Contains("which feeds may not reach", error.Message, StringComparison.Ordinal);
        // Members are told only that; the address the name resolved to stays in the log.
        Assert.Equal("not a public address", error.MemberMessage);
        Assert.Equal(0, server.CountOf("/feed"));
    }

    [Theory]
    [InlineData("2130706433")]
    [InlineData("0x7f.1")]
    [InlineData("127.1")]
    [InlineData("0177.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::1")]
    [InlineData("localhost")]
    [InlineData("127.0.0.1.")]
    public async Task Disguised_loopback_addresses_are_refused_before_connecting(string host)
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/feed", context => FeedResponses.WriteRssAsync(context, FeedDocuments.Simple("x"))));
        await using var services = FeedTestServices.Build(settings: ("Feeds:AllowLoopback", "false"));

        var error = await Assert.ThrowsAsync<FeedFetchException>(() =>
            services.Fetcher().FetchAsync(new UriBuilder(Uri.UriSchemeHttp, host, server.BaseUrl.Port, "/feed").Uri, null, null, CancellationToken.None));

        Assert.StartsWith("refused address ", error.Message, StringComparison.Ordinal);
        Assert.Contains("loopback", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_redirect_loop_stops_after_five_hops()
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/loop/{n:int}", (int n) => Results.Redirect($"/loop/{n + 1}")));
        await using var services = FeedTestServices.Build();

        var error = await Assert.ThrowsAsync<FeedFetchException>(() => services.Fetcher().FetchAsync(server.Url("/loop/0"), null, null, CancellationToken.None));

        Assert.Equal("more than 5 redirects", error.Message);
        Assert.Equal(6, server.Requests.Count);
    }

    [Fact]
    public async Task A_site_url_is_resolved_to_its_feed_through_the_pages_alternate_link()
    {
        await using var server = await FeedServer.StartAsync(app =>
        {
            app.MapGet("/", () => Results.Content("""<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" title="RSS" href="/rss/"></head><body>Home</body></html>""", "text/html"));
            app.MapGet("/rss/", context => FeedResponses.WriteRssAsync(context, FeedDocuments.Simple("site")));
        });
        await using var services = FeedTestServices.Build();

        var result = await services.Fetcher().FetchFeedAsync(server.BaseUrl, null, null, CancellationToken.None);

        Assert.Equal(server.Url("/rss/"), result.FinalUrl);
        Assert.Equal(server.Url("/rss/"), result.PermanentUrl);
        Assert.Equal(2, FeedParser.Parse(result.Content, result.Charset, result.FinalUrl, DateTimeOffset.UnixEpoch).Items.Count);
    }
}
