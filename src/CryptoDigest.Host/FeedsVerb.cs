using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CryptoDigest.Feeds;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Host;

/// <summary>
/// The `feeds` verbs: parse (a pure parser, no database), fetch, import and export. Output goes
/// to stdout only; logs go to stderr as for every verb. Tokens like --Section:Key=value are settings.
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

    private const string SubVerbNeeded = "feeds needs a sub-verb: feeds parse <file-or-url>... [--json], feeds fetch, feeds import <file.opml>, feeds export";

    private static readonly JsonSerializerOptions Json = new()
    {
        // Output for scripts, not HTML: keep non-ASCII text readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(VerbConsole console)
    {
        var feeds = new Command("feeds", "parse, fetch, import or export newsletter feeds")
        {
            CreateParse(console),
            CreateWithoutOperands("fetch", FetchAsync, console),
            CreateImport(console),
            CreateWithoutOperands("export", ExportAsync, console),
        };
        UsageAction.AddTo(feeds, Usage, console.Output);
        feeds.TreatUnmatchedTokensAsErrors = false;
        feeds.SetAction(_ => console.Fail(SubVerbNeeded));
        return feeds;
    }

    private static Command CreateParse(VerbConsole console)
    {
        var inputs = new Argument<string[]>("inputs") { Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json");
        var parse = new Command("parse") { inputs, json };
        parse.SetAction((parsed, cancellationToken) =>
        {
            var (settings, operands) = VerbArguments.SplitSettings(parsed.GetValue(inputs) ?? []);
            return operands.Length == 0 || operands.Any(o => o.StartsWith("--", StringComparison.Ordinal))
                ? Task.FromResult(console.Fail("feeds parse needs one or more files or URLs, e.g. feeds parse feed.xml https://example.com/feed --json"))
                : ParseAsync(operands, parsed.GetValue(json), settings, console.Output, cancellationToken);
        });
        return parse;
    }

    private static Command CreateImport(VerbConsole console)
    {
        var file = new Argument<string[]>("file") { Arity = ArgumentArity.ZeroOrMore };
        var import = new Command("import") { file };
        import.SetAction((parsed, cancellationToken) =>
        {
            var (settings, operands) = VerbArguments.SplitSettings(parsed.GetValue(file) ?? []);
            return operands switch
            {
                [var path] when !File.Exists(path) => Task.FromResult(console.Fail($"feeds import: the file {path} does not exist")),
                [var path] => ImportAsync(path, settings, console, cancellationToken),
                _ => Task.FromResult(console.Fail(SubVerbNeeded)),
            };
        });
        return import;
    }

    /// <summary>fetch and export take settings only; anything else is a misused sub-verb.</summary>
    private static Command CreateWithoutOperands(string name, Func<string[], TextWriter, CancellationToken, Task<int>> runAsync, VerbConsole console)
    {
        var command = new Command(name) { TreatUnmatchedTokensAsErrors = false };
        command.SetAction((parsed, cancellationToken) =>
        {
            var (settings, operands) = VerbArguments.SplitSettings(parsed.UnmatchedTokens);
            return operands.Length == 0
                ? runAsync(settings, console.Output, cancellationToken)
                : Task.FromResult(console.Fail(SubVerbNeeded));
        });
        return command;
    }

    /// <summary>Parses each input on its own: a broken one becomes its error line and never stops the others.</summary>
    private static async Task<int> ParseAsync(IReadOnlyList<string> inputs, bool json, string[] configurationArgs, TextWriter output, CancellationToken cancellationToken)
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
                feed = await ParseOneAsync(input, host.Services, settings, time, cancellationToken);
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

    private static async Task<ParsedFeed> ParseOneAsync(string input, IServiceProvider services, FeedsOptions settings, TimeProvider time, CancellationToken cancellationToken)
    {
        if (FeedsOptions.IsHttpUrl(input))
        {
            var fetched = await services.GetRequiredService<FeedFetcher>().FetchFeedAsync(new Uri(input), null, null, cancellationToken);
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

        return FeedParser.Parse(await File.ReadAllBytesAsync(file.FullName, cancellationToken), null, null, time.GetUtcNow(), settings.MaxFeedBytes);
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

    private static async Task<int> FetchAsync(string[] configurationArgs, TextWriter output, CancellationToken cancellationToken)
    {
        using var host = CryptoDigestBuilder.CreateBuilder(configurationArgs, quiet: true).Build();
        await CryptoDigestBuilder.MigrateAndStartAsync(host, cancellationToken);
        var reports = await host.Services.GetRequiredService<FeedIngestor>().IngestAllAsync(dueOnly: false, cancellationToken);
        foreach (var report in reports)
        {
            await output.WriteLineAsync(report.ToLine());
        }

        await host.StopAsync();
        return HostCommandLine.Ok;
    }

    private static async Task<int> ImportAsync(string path, string[] configurationArgs, VerbConsole console, CancellationToken cancellationToken)
    {
        IReadOnlyList<OpmlOutline> outlines;
        try
        {
            outlines = Opml.Read(await File.ReadAllTextAsync(path, cancellationToken));
        }
        catch (FeedFormatException ex)
        {
            return console.Fail($"feeds import: {path} is {ex.Message}");
        }

        using var host = CryptoDigestBuilder.CreateBuilder(configurationArgs, quiet: true).Build();
        await CryptoDigestBuilder.MigrateAndStartAsync(host, cancellationToken);
        await using var scope = host.Services.CreateAsyncScope();
        var (added, existing) = await scope.ServiceProvider.GetRequiredService<FeedSources>().ImportAsync(outlines, cancellationToken);
        await console.Output.WriteLineAsync($"Imported {added} sources ({existing} already present).");
        await host.StopAsync();
        return HostCommandLine.Ok;
    }

    private static async Task<int> ExportAsync(string[] configurationArgs, TextWriter output, CancellationToken cancellationToken)
    {
        using var host = CryptoDigestBuilder.CreateBuilder(configurationArgs, quiet: true).Build();
        await CryptoDigestBuilder.MigrateAndStartAsync(host, cancellationToken);
        await using var scope = host.Services.CreateAsyncScope();
        var sources = scope.ServiceProvider.GetRequiredService<FeedSources>();
        await sources.SyncConfiguredAsync(cancellationToken);
        var outlines = await sources.ExportAsync(cancellationToken);
        await output.WriteLineAsync(Opml.Write("CryptoDigest newsletter sources", outlines, host.Services.GetRequiredService<TimeProvider>().GetUtcNow()));
        await host.StopAsync();
        return HostCommandLine.Ok;
    }

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

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
