using System.Text.Json;
using CryptoDigest.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CryptoDigest.IntegrationTests.Feeds;

/// <summary>The `feeds` verbs through the real Host executable.</summary>
[Collection(PostgresCollection.Name)]
public class FeedsVerbTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Feeds_parse_answers_for_an_item_nested_a_hundred_thousand_levels_deep_and_a_huge_item()
    {
        var folder = Directory.CreateTempSubdirectory("cryptodigest-feeds-").FullName;
        try
        {
            // The hostile documents of issue 11: before the depth cap the first took minutes or overflowed the stack.
            var deep = Path.Combine(folder, "deep.xml");
            var huge = Path.Combine(folder, "huge.xml");
            await File.WriteAllTextAsync(deep, FeedDocuments.Rss(("deep", "Deep", string.Concat(Enumerable.Repeat("<div>", 100_000)) + "the deep fact" + string.Concat(Enumerable.Repeat("</div>", 100_000)), "https://news.example.com/deep")));
            await File.WriteAllTextAsync(huge, FeedDocuments.Rss(("huge", "Huge", string.Concat(Enumerable.Repeat("satoshi ", 400_000)), "https://news.example.com/huge")));

            var run = await HostProcess.RunAsync(["feeds", "parse", deep, huge, "--json"]);

            Assert.Equal(0, run.ExitCode);
            var lines = run.StandardOutput.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal("the deep fact", lines[0].GetProperty("items")[0].GetProperty("text").GetString());
            Assert.InRange(lines[1].GetProperty("items")[0].GetProperty("text").GetString()!.Length, 99_000, 100_000);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Feeds_parse_json_prints_one_object_per_input_and_a_broken_input_never_stops_the_others()
    {
        var folder = Directory.CreateTempSubdirectory("cryptodigest-feeds-").FullName;
        try
        {
            var good = Path.Combine(folder, "good.xml");
            var broken = Path.Combine(folder, "broken.xml");
            await File.WriteAllTextAsync(good, FeedDocuments.Simple("file", 2));
            await File.WriteAllTextAsync(broken, "<html><body>not a feed</body></html>");

            var run = await HostProcess.RunAsync(["feeds", "parse", good, Path.Combine(folder, "missing.xml"), broken, "--json"]);

            Assert.Equal(0, run.ExitCode);
            var lines = run.StandardOutput.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(3, lines.Count);
            Assert.Equal(good, lines[0].GetProperty("input").GetString());
            var item = lines[0].GetProperty("items")[0];
            Assert.Equal("file-1", item.GetProperty("id").GetString());
            Assert.Equal("file issue 1", item.GetProperty("title").GetString());
            Assert.Equal("https://news.example.com/file/1", item.GetProperty("link").GetString());
            Assert.Equal("2025-11-18T10:00:00Z", item.GetProperty("published").GetString());
            Assert.Equal("Text of file issue 1.", item.GetProperty("text").GetString());
            Assert.StartsWith("no such file", lines[1].GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Contains("HTML page, not a feed", lines[2].GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(folder, "data")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Feeds_parse_fetches_urls_through_the_guard_which_refuses_loopback_unless_the_operator_allows_it()
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/feed", context => FeedResponses.WriteRssAsync(context, FeedDocuments.Simple("web"))));
        var url = server.Url("/feed").AbsoluteUri;

        var refused = await HostProcess.RunAsync(["feeds", "parse", url, "--json"]);
        var allowed = await HostProcess.RunAsync(["feeds", "parse", url, "--json", "--Feeds:AllowLoopback=true"]);

        Assert.Equal(0, refused.ExitCode);
        Assert.Contains("refused address", JsonDocument.Parse(refused.StandardOutput).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, JsonDocument.Parse(allowed.StandardOutput).RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal(1, server.CountOf("/feed"));
    }

    [Theory]
    [InlineData(new[] { "feeds" }, "feeds needs a sub-verb")]
    [InlineData(new[] { "feeds", "parse" }, "feeds parse needs one or more files or URLs")]
    [InlineData(new[] { "feeds", "import", "/no/such/file.opml" }, "feeds import: the file /no/such/file.opml does not exist")]
    public async Task Bad_usage_of_feeds_exits_2_with_one_line(string[] arguments, string message)
    {
        var run = await HostProcess.RunAsync(arguments);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: {message}", Assert.Single(run.StandardError.Trim().Split('\n')), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feeds_fetch_twice_against_an_unchanged_source_stores_nothing_the_second_time()
    {
        await using var server = await FeedServer.StartAsync(app => app.MapGet("/feed", context =>
        {
            if (context.Request.Headers.IfModifiedSince == "Tue, 18 Nov 2025 10:00:00 GMT")
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }

            context.Response.Headers.LastModified = "Tue, 18 Nov 2025 10:00:00 GMT";
            return FeedResponses.WriteRssAsync(context, FeedDocuments.Simple("verb", 2));
        }));
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = await postgres.CreateDatabaseAsync(),
            ["Feeds__AllowLoopback"] = "true",
            ["Feeds__Sources__0__Name"] = "Loopback letter",
            ["Feeds__Sources__0__FeedUrl"] = server.Url("/feed").AbsoluteUri,
        };
        // The shipped defaults name real newsletters: switch them off so nothing reaches the internet.
        for (var i = 1; i < 10; i++)
        {
            environment[$"Feeds__Sources__{i}__Enabled"] = "false";
        }

        var first = await HostProcess.RunAsync(["feeds", "fetch"], environment);
        var second = await HostProcess.RunAsync(["feeds", "fetch"], environment);
        var export = await HostProcess.RunAsync(["feeds", "export"], environment);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal("Loopback letter: 2 new, 0 updated, 0 unchanged", first.StandardOutput.Trim());
        Assert.Equal("Loopback letter: not modified", second.StandardOutput.Trim());
        Assert.Equal(2, server.CountOf("/feed"));
        Assert.Contains($"xmlUrl=\"{server.Url("/feed").AbsoluteUri}\"", export.StandardOutput, StringComparison.Ordinal);
        // The shipped defaults stay in the export, disabled or not: the last one, as the Host's appsettings.json gives it.
        Assert.Contains($"xmlUrl=\"{ShippedSources()[^1].GetProperty("FeedUrl").GetString()}\"", export.StandardOutput, StringComparison.Ordinal);
    }

    private static List<JsonElement> ShippedSources()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "CryptoDigest.Host", "appsettings.json")));
        return settings.RootElement.GetProperty("Feeds").GetProperty("Sources").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
