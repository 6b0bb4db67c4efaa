using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CryptoDigest.Feeds;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Host;

/// <summary>
/// The `feeds` verbs: parse (a pure parser, no database), fetch, import and export. Output goes
/// to stdout only; logs go to stderr as for every verb.
/// </summary>
internal static class FeedsVerb
{
    public const string Usage = """
        Usage: CryptoDigest.Host feeds <sub-verb> [--Section:Key=value ...]
          feeds parse <file-or-url>... [--json]   parse feeds, print their items (one JSON object per input with --json)
          feeds fetch                             fetch every enabled source (and the mailbox) once, report new/updated/unchanged/failed
          feeds import <file.opml>                add the OPML's feeds as sources
          feeds export                            print the sources as OPML
        """;

    private static readonly JsonSerializerOptions Json = new()
    {
        // Output for scripts, not HTML: keep non-ASCII text readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var sub = args.Length == 0 ? string.Empty : args[0];
        var rest = args.Length == 0 ? [] : args[1..];
        var configuration = rest.Where(IsSetting).ToArray();
        var operands = rest.Where(a => !IsSetting(a)).ToList();
        switch (sub)
        {
            case "parse":
                var json = operands.Remove("--json");
                if (operands.Count == 0 || operands.Any(o => o.StartsWith("--", StringComparison.Ordinal)))
                {
                    return Fail(error, "feeds parse needs one or more files or URLs, e.g. feeds parse feed.xml https://example.com/feed --json");
                }

                return await ParseAsync(operands, json, configuration, output);
            case "fetch" when operands.Count == 0:
                return await FetchAsync(configuration, output);
            case "import" when operands.Count == 1:
                if (!File.Exists(operands[0]))
                {
                    return Fail(error, $"feeds import: the file {operands[0]} does not exist");
                }

                return await ImportAsync(operands[0], configuration, output, error);
            case "export" when operands.Count == 0:
                return await ExportAsync(configuration, output);
            case "help" or "--help" or "-h":
                await output.WriteLineAsync(Usage);
                return HostCommandLine.Ok;
            default:
                return Fail(error, "feeds needs a sub-verb: feeds parse <file-or-url>... [--json], feeds fetch, feeds import <file.opml>, feeds export");
        }
    }

    /// <summary>Parses each input on its own: a broken one becomes its error line and never stops the others.</summary>
    private static async Task<int> ParseAsync(IReadOnlyList<string> inputs, bool json, string[] configurationArgs, TextWriter output)
    {
        // Built, never started: the parser needs the guarded fetcher and settings, not the database.
        using var host = CryptoDigestBuilder.CreateBuilder(configurationArgs, quiet: true).Build();
        var settings = host.Services.GetRequiredService<IOptions<FeedsOptions>>().Value;
        var time = host.Services.GetRequiredService<TimeProvider>();
        foreach (var input in inputs)
        {
            ParsedFeed? feed = null;
            string? failure = null;
            try
            {
                feed = await ParseOneAsync(input, host.Services, settings, time);
            }
            catch (Exception ex) when (ex is FeedFetchException or FeedFormatException or IOException or UnauthorizedAccessException)
            {
                failure = string.Join(' ', ex.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            }

            if (json)
            {
                object line = feed is null
                    ? new ErrorLine(input, failure!)
                    : new ItemsLine(input, feed.Items.Select(i => new JsonItem(i.Id, i.Title, i.Link, Utc(i.Published), i.PublishedIsFetchTime, i.Author, i.Text)).ToList());
                await output.WriteLineAsync(JsonSerializer.Serialize(line, Json));
            }
            else if (feed is null)
            {
                await output.WriteLineAsync($"# {input}: error: {failure}");
            }
            else
            {
                await WriteTextAsync(output, input, feed);
            }
        }

        return HostCommandLine.Ok;
    }

    private static async Task<ParsedFeed> ParseOneAsync(string input, IServiceProvider services, FeedsOptions settings, TimeProvider time)
    {
        if (FeedsOptions.IsHttpUrl(input))
        {
            var fetched = await services.GetRequiredService<FeedFetcher>().FetchFeedAsync(new Uri(input), null, null, CancellationToken.None);
            return FeedParser.Parse(fetched.Content, fetched.Charset, fetched.FinalUrl, time.GetUtcNow(), settings.MaxFeedBytes);
        }

        var file = new FileInfo(input);
        if (!file.Exists)
        {
            throw new IOException($"no such file: {input}");
        }

        if (file.Length > settings.MaxFeedBytes)
        {
            throw new FeedFormatException($"the file is larger than the {settings.MaxFeedBytes:N0} bytes allowed");
        }

        return FeedParser.Parse(await File.ReadAllBytesAsync(file.FullName), null, null, time.GetUtcNow(), settings.MaxFeedBytes);
    }

    private static async Task WriteTextAsync(TextWriter output, string input, ParsedFeed feed)
    {
        await output.WriteLineAsync($"# {input}: {feed.Title} ({feed.Format}, {feed.Items.Count} items)");
        foreach (var item in feed.Items)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"{Utc(item.Published)}{(item.PublishedIsFetchTime ? " (fetch time)" : string.Empty)}  {item.Title}");
            await output.WriteLineAsync($"  link:   {item.Link}");
            await output.WriteLineAsync($"  id:     {item.Id}");
            if (item.Author is not null)
            {
                await output.WriteLineAsync($"  author: {item.Author}");
            }

            var text = item.Text.ReplaceLineEndings(" ");
            await output.WriteLineAsync($"  text:   {(text.Length > 300 ? text[..300] + "…" : text)}");
        }

        await output.WriteLineAsync();
    }

    private static async Task<int> FetchAsync(string[] configurationArgs, TextWriter output)
    {
        using var host = CryptoDigestBuilder.CreateBuilder(configurationArgs, quiet: true).Build();
        await HostCommandLine.StartAsync(host);
        var reports = await host.Services.GetRequiredService<FeedIngestor>().IngestAllAsync(dueOnly: false, CancellationToken.None);
        foreach (var report in reports)
        {
            await output.WriteLineAsync(report.ToLine());
        }

        await host.StopAsync();
        return HostCommandLine.Ok;
    }

    private static async Task<int> ImportAsync(string path, string[] configurationArgs, TextWriter output, TextWriter error)
    {
        IReadOnlyList<OpmlOutline> outlines;
        try
        {
            outlines = Opml.Read(await File.ReadAllTextAsync(path));
        }
        catch (FeedFormatException ex)
        {
            return Fail(error, $"feeds import: {path} is {ex.Message}");
        }

        using var host = CryptoDigestBuilder.CreateBuilder(configurationArgs, quiet: true).Build();
        await HostCommandLine.StartAsync(host);
        await using var scope = host.Services.CreateAsyncScope();
        var (added, existing) = await scope.ServiceProvider.GetRequiredService<FeedSources>().ImportAsync(outlines, CancellationToken.None);
        await output.WriteLineAsync($"Imported {added} sources ({existing} already present).");
        await host.StopAsync();
        return HostCommandLine.Ok;
    }

    private static async Task<int> ExportAsync(string[] configurationArgs, TextWriter output)
    {
        using var host = CryptoDigestBuilder.CreateBuilder(configurationArgs, quiet: true).Build();
        await HostCommandLine.StartAsync(host);
        await using var scope = host.Services.CreateAsyncScope();
        var sources = scope.ServiceProvider.GetRequiredService<FeedSources>();
        await sources.SyncConfiguredAsync(CancellationToken.None);
        var outlines = await sources.ExportAsync(CancellationToken.None);
        await output.WriteLineAsync(Opml.Write("CryptoDigest newsletter sources", outlines, host.Services.GetRequiredService<TimeProvider>().GetUtcNow()));
        await host.StopAsync();
        return HostCommandLine.Ok;
    }

    private static bool IsSetting(string arg) => arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':', StringComparison.Ordinal);

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"error: {message}");
        return HostCommandLine.BadUsage;
    }

    private sealed record ItemsLine(
        [property: System.Text.Json.Serialization.JsonPropertyName("input")] string Input,
        [property: System.Text.Json.Serialization.JsonPropertyName("items")] IReadOnlyList<JsonItem> Items);

    private sealed record ErrorLine(
        [property: System.Text.Json.Serialization.JsonPropertyName("input")] string Input,
        [property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error);

    private sealed record JsonItem(
        [property: System.Text.Json.Serialization.JsonPropertyName("id")] string Id,
        [property: System.Text.Json.Serialization.JsonPropertyName("title")] string Title,
        [property: System.Text.Json.Serialization.JsonPropertyName("link")] string? Link,
        [property: System.Text.Json.Serialization.JsonPropertyName("published")] string Published,
        [property: System.Text.Json.Serialization.JsonPropertyName("published_is_fetch_time")] bool PublishedIsFetchTime,
        [property: System.Text.Json.Serialization.JsonPropertyName("author")] string? Author,
        [property: System.Text.Json.Serialization.JsonPropertyName("text")] string Text);
}
