using CryptoDigest.Feeds;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Feeds;

/// <summary>Fetch, store and dedupe against a loopback HTTP server and a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public class FeedIngestorTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_second_fetch_of_an_unchanged_feed_is_a_304_and_stores_nothing()
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/feed", context =>
        {
            if (context.Request.Headers.IfNoneMatch == "\"v1\"")
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }

            context.Response.Headers.ETag = "\"v1\"";
            context.Response.Headers.LastModified = "Tue, 18 Nov 2025 10:00:00 GMT";
            return FeedResponses.WriteRssAsync(context, FeedDocuments.Simple("daily", 3));
        }));
        await using var services = await ServicesAsync(("Feeds:Sources:0:Name", "Daily"), ("Feeds:Sources:0:FeedUrl", server.Url("/feed").AbsoluteUri));
        var ingestor = services.GetRequiredService<FeedIngestor>();

        var first = Assert.Single(await ingestor.IngestAllAsync(dueOnly: false, CancellationToken.None));
        var second = Assert.Single(await ingestor.IngestAllAsync(dueOnly: false, CancellationToken.None));

        Assert.Equal(new SourceReport("Daily", IngestOutcome.Fetched, New: 3), first);
        Assert.Equal(new SourceReport("Daily", IngestOutcome.NotModified), second);
        Assert.Equal(["", "\"v1\""], server.IfNoneMatch);
        await using var db = Db(services);
        Assert.Equal(3, await db.Articles.CountAsync(a => !a.IsSample));
        var source = await db.Sources.SingleAsync(s => s.Name == "Daily");
        Assert.Equal("not modified", source.LastStatus);
        Assert.Null(source.LastError);
    }

    [Fact]
    public async Task A_repost_under_a_new_guid_is_stored_once_and_an_edit_of_a_guid_updates_its_text()
    {
        var version = 1;
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/feed", context => FeedResponses.WriteRssAsync(context, version == 1
            ? FeedDocuments.Rss(("a", "Alpha", "Original alpha text.", "https://news.example.com/a?utm_source=rss&utm_medium=feed&id=7"), ("b", "Beta", "Beta text.", "https://news.example.com/b"))
            : FeedDocuments.Rss(("a", "Alpha", "Corrected alpha text.", "https://news.example.com/a?utm_source=rss&id=7"), ("b", "Beta", "Beta text.", "https://news.example.com/b"), ("b-repost", "Beta", "Beta text.", "https://news.example.com/b-again")))));
        await using var services = await ServicesAsync(("Feeds:Sources:0:Name", "Edits"), ("Feeds:Sources:0:FeedUrl", server.Url("/feed").AbsoluteUri));
        var ingestor = services.GetRequiredService<FeedIngestor>();

        await ingestor.IngestAllAsync(dueOnly: false, CancellationToken.None);
        version = 2;
        var report = Assert.Single(await ingestor.IngestAllAsync(dueOnly: false, CancellationToken.None));

        Assert.Equal(new SourceReport("Edits", IngestOutcome.Fetched, New: 0, Updated: 1, Unchanged: 2), report);
        await using var db = Db(services);
        var articles = await db.Articles.Where(a => !a.IsSample).OrderBy(a => a.Guid).ToListAsync();
        Assert.Equal(["a", "b"], articles.Select(a => a.Guid));
        Assert.Equal("Corrected alpha text.", articles[0].Text);
        Assert.Equal(new Uri("https://news.example.com/a?id=7"), articles[0].Url);
    }

    [Fact]
    public async Task A_source_failing_every_time_never_blocks_the_others_and_shows_its_error()
    {
        await using var server = await FeedServer.StartAsync(app =>
        {
            app.MapGet("/hang", async context => await Task.Delay(Timeout.Infinite, context.RequestAborted));
            app.MapGet("/500", () => Results.StatusCode(500));
            app.MapGet("/bomb", context => FeedResponses.WriteRssAsync(context, FeedDocuments.BillionLaughs));
            app.MapGet("/html", () => Results.Content("<html><body>no feed here</body></html>", "text/html"));
            app.MapGet("/good", context => FeedResponses.WriteRssAsync(context, FeedDocuments.Simple("good")));
        });
        await using var services = await ServicesAsync(
            [.. Source(0, "Hanging", server.Url("/hang")), .. Source(1, "Erroring", server.Url("/500")), .. Source(2, "Bomb", server.Url("/bomb")),
             .. Source(3, "Html", server.Url("/html")), .. Source(4, "Good", server.Url("/good")),
             ("Feeds:Sources:5:Name", "No feed"), ("Feeds:Sources:5:SiteUrl", "https://members.example.com/"), ("Feeds:Sources:5:FeedUrl", ""),
             ("Feeds:TimeoutSeconds", "2"), ("Feeds:MaxRetries", "1"), ("Feeds:MaxConcurrentFetches", "2"), ("Feeds:MaxConcurrentFetchesPerHost", "2")]);
        var ingestor = services.GetRequiredService<FeedIngestor>();

        var reports = (await ingestor.IngestAllAsync(dueOnly: false, CancellationToken.None)).ToDictionary(r => r.Source);

        Assert.Equal(new SourceReport("Good", IngestOutcome.Fetched, New: 2), reports["Good"]);
        Assert.Equal("timed out after 2 s", reports["Hanging"].Error);
        Assert.StartsWith("HTTP 500", reports["Erroring"].Error, StringComparison.Ordinal);
        Assert.Contains("declares its own XML entities", reports["Bomb"].Error, StringComparison.Ordinal);
        Assert.Contains("web page that names no RSS or Atom feed", reports["Html"].Error, StringComparison.Ordinal);
        Assert.Equal(IngestOutcome.Failed, reports["Erroring"].Outcome);
        await using var db = Db(services);
        var erroring = await db.Sources.SingleAsync(s => s.Name == "Erroring");
        Assert.Equal(1, erroring.ConsecutiveFailures);
        // /sources shows the stored error to members: the safe reason, the detail is in the log and the report.
        Assert.Equal("could not be reached (HTTP 500)", erroring.LastError);
        Assert.Equal("could not be reached (no answer within 2 s)", (await db.Sources.SingleAsync(s => s.Name == "Hanging")).LastError);
        Assert.True(erroring.NextFetchAt > erroring.LastFetchedAt);
        Assert.Equal(2, await db.Articles.CountAsync(a => !a.IsSample));
    }

    [Fact]
    public async Task A_failing_source_backs_off_and_is_not_due_on_the_next_scheduled_run()
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/500", () => Results.StatusCode(503)));
        await using var services = await ServicesAsync([.. Source(0, "Down", server.Url("/500")), ("Feeds:MaxRetries", "0")]);
        var ingestor = services.GetRequiredService<FeedIngestor>();

        await ingestor.IngestAllAsync(dueOnly: true, CancellationToken.None);
        var second = await ingestor.IngestAllAsync(dueOnly: true, CancellationToken.None);

        Assert.Empty(second);
        Assert.Equal(1, server.CountOf("/500"));
    }

    [Fact]
    public async Task A_permanent_redirect_moves_the_stored_feed_url_and_a_temporary_one_does_not()
    {
        await using var server = await FeedServer.StartAsync(app =>
        {
            app.MapGet("/old", () => Results.Redirect("/new", permanent: true));
            app.MapGet("/temp", () => Results.Redirect("/new", permanent: false));
            app.MapGet("/new", context => FeedResponses.WriteRssAsync(context, FeedDocuments.Simple("moved")));
        });
        await using var services = await ServicesAsync([.. Source(0, "Moved", server.Url("/old")), .. Source(1, "Temporary", server.Url("/temp"))]);

        await services.GetRequiredService<FeedIngestor>().IngestAllAsync(dueOnly: false, CancellationToken.None);

        await using var db = Db(services);
        Assert.Equal(server.Url("/new"), (await db.Sources.SingleAsync(s => s.Name == "Moved")).FeedUrl);
        Assert.Equal(server.Url("/temp"), (await db.Sources.SingleAsync(s => s.Name == "Temporary")).FeedUrl);
    }

    [Fact]
    public async Task Samples_are_stored_while_no_live_article_exists_and_removed_once_one_does()
    {
        var online = false;
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/feed", context =>
        {
            if (!online)
            {
                context.Response.StatusCode = 503;
                return Task.CompletedTask;
            }

            return FeedResponses.WriteRssAsync(context, FeedDocuments.Simple("live"));
        }));
        await using var services = await ServicesAsync([.. Source(0, "Live", server.Url("/feed")), ("Feeds:MaxRetries", "0")]);
        var ingestor = services.GetRequiredService<FeedIngestor>();

        await ingestor.IngestAllAsync(dueOnly: false, CancellationToken.None);
        await using (var db = Db(services))
        {
            var samples = await db.Articles.Where(a => a.IsSample).ToListAsync();
            Assert.NotEmpty(samples);
            Assert.All(samples, a => Assert.StartsWith("Sample issue:", a.Title, StringComparison.Ordinal));
        }

        online = true;
        await ingestor.IngestAllAsync(dueOnly: false, CancellationToken.None);
        await using (var db = Db(services))
        {
            Assert.False(await db.Articles.AnyAsync(a => a.IsSample));
            Assert.Equal(2, await db.Articles.CountAsync());
        }
    }

    [Fact]
    public async Task A_user_added_source_pointing_at_loopback_is_refused_when_loopback_is_not_allowed()
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/feed", context => FeedResponses.WriteRssAsync(context, FeedDocuments.Simple("x"))));
        await using var services = await ServicesAsync(("Feeds:AllowLoopback", "false"));
        await using var scope = services.CreateAsyncScope();
        var sources = scope.ServiceProvider.GetRequiredService<FeedSources>();

        var (source, error) = await sources.AddAsync(server.Url("/feed").AbsoluteUri, "telegram:5", CancellationToken.None);

        Assert.Null(source);
        Assert.Equal($"{server.Url("/feed")} cannot be added: not a public address", error);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_user_added_source_that_redirects_to_cloud_metadata_is_refused()
    {
        // The metadata service's link-local address, disguised as IPv6: refused before any connection.
        var metadata = new UriBuilder(Uri.UriSchemeHttp, "::ffff:169.254.169.254") { Path = "/latest/meta-data/" }.Uri.AbsoluteUri;
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/feed", () => Results.Redirect(metadata)));
        await using var services = await ServicesAsync();
        await using var scope = services.CreateAsyncScope();

        var (source, error) = await scope.ServiceProvider.GetRequiredService<FeedSources>().AddAsync(server.Url("/feed").AbsoluteUri, "telegram:5", CancellationToken.None);

        Assert.Null(source);
        Assert.EndsWith("cannot be added: not a public address", error, StringComparison.Ordinal);
        Assert.DoesNotContain("169.254", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_added_site_url_is_stored_under_the_feeds_title_and_can_be_removed()
    {
        await using var server = await FeedServer.StartAsync(app =>
        {
            app.MapGet("/", () => Results.Content("""<html><head><link rel="alternate" type="application/atom+xml" href="/atom"></head></html>""", "text/html"));
            app.MapGet("/atom", context => FeedResponses.WriteRssAsync(context, """<feed xmlns="http://www.w3.org/2005/Atom"><title>Added Research</title><entry><id>1</id><title>x</title></entry></feed>"""));
        });
        await using var services = await ServicesAsync();
        await using var scope = services.CreateAsyncScope();
        var sources = scope.ServiceProvider.GetRequiredService<FeedSources>();

        var (source, error) = await sources.AddAsync(server.BaseUrl.AbsoluteUri, "discord:987654321012345678", CancellationToken.None);
        var removed = await sources.RemoveAsync("added research", CancellationToken.None);

        Assert.Null(error);
        Assert.Equal("Added Research", source!.Name);
        Assert.Equal(server.Url("/atom"), source.FeedUrl);
        Assert.True(source.AddedByUser);
        Assert.Equal("discord:987654321012345678", source.AddedBy);
        Assert.Null(removed);
        Assert.Empty(await sources.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Sources_added_in_chat_stop_at_the_cap_with_a_refusal_that_names_it_and_fetches_nothing()
    {
        await using var server = await FeedServer.StartAsync(app =>
        {
            app.MapGet("/one", context => FeedResponses.WriteRssAsync(context, """<feed xmlns="http://www.w3.org/2005/Atom"><title>One</title><entry><id>1</id><title>x</title></entry></feed>"""));
            app.MapGet("/two", context => FeedResponses.WriteRssAsync(context, """<feed xmlns="http://www.w3.org/2005/Atom"><title>Two</title><entry><id>2</id><title>y</title></entry></feed>"""));
            app.MapGet("/three", context => FeedResponses.WriteRssAsync(context, """<feed xmlns="http://www.w3.org/2005/Atom"><title>Three</title><entry><id>3</id><title>z</title></entry></feed>"""));
        });
        await using var services = await ServicesAsync(("Feeds:MaxUserSources", "2"));
        await using var scope = services.CreateAsyncScope();
        var sources = scope.ServiceProvider.GetRequiredService<FeedSources>();

        var one = await sources.AddAsync(server.Url("/one").AbsoluteUri, "telegram:5", CancellationToken.None);
        var two = await sources.AddAsync(server.Url("/two").AbsoluteUri, "telegram:6", CancellationToken.None);
        var three = await sources.AddAsync(server.Url("/three").AbsoluteUri, "telegram:5", CancellationToken.None);
        var fetchedWhenRefused = server.CountOf("/three");
        var removed = await sources.RemoveAsync("One", CancellationToken.None);
        var again = await sources.AddAsync(server.Url("/three").AbsoluteUri, "telegram:5", CancellationToken.None);

        Assert.Equal(["One", "Two"], new[] { one.Source?.Name ?? one.Error ?? "", two.Source?.Name ?? two.Error ?? "" });
        Assert.Null(three.Source);
        Assert.Contains("2 sources added in chat, its limit (Feeds:MaxUserSources)", three.Error, StringComparison.Ordinal);
        Assert.Equal(0, fetchedWhenRefused);
        Assert.Null(removed);
        Assert.Equal("Three", again.Source?.Name);
        Assert.Equal(
            [("Three", "telegram:5"), ("Two", "telegram:6")],
            (await sources.ListAsync(CancellationToken.None)).Select(s => (s.Name, s.AddedBy ?? "")));
    }

    [Fact]
    public async Task Opml_import_adds_new_feeds_once_and_export_lists_them()
    {
        await using var services = await ServicesAsync();
        await using var scope = services.CreateAsyncScope();
        var sources = scope.ServiceProvider.GetRequiredService<FeedSources>();
        var outlines = Opml.Read("""
            <opml version="2.0"><head><title>x</title></head><body><outline text="Crypto">
              <outline type="rss" text="Alpha" xmlUrl="https://alpha.example.com/feed" htmlUrl="https://alpha.example.com/"/>
              <outline type="rss" text="Beta" xmlUrl="https://beta.example.com/rss"/>
            </outline></body></opml>
            """);

        var first = await sources.ImportAsync(outlines, CancellationToken.None);
        var second = await sources.ImportAsync(outlines, CancellationToken.None);
        var exported = await sources.ExportAsync(CancellationToken.None);

        Assert.Equal((2, 0), first);
        Assert.Equal((0, 2), second);
        Assert.Equal(["Alpha", "Beta"], exported.Select(o => o.Name));
        Assert.Equal(new Uri("https://alpha.example.com/"), exported[0].SiteUrl);
    }

    private static (string, string)[] Source(int index, string name, Uri url) =>
        [($"Feeds:Sources:{index}:Name", name), ($"Feeds:Sources:{index}:FeedUrl", url.AbsoluteUri)];

    private async Task<ServiceProvider> ServicesAsync(params (string Key, string Value)[] settings)
    {
        var services = FeedTestServices.Build(await postgres.CreateDatabaseAsync(), settings);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return services;
    }

    private static DigestDbContext Db(IServiceProvider services) =>
        services.CreateScope().ServiceProvider.GetRequiredService<DigestDbContext>();
}
