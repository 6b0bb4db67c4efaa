using CryptoDigest.Chat;
using CryptoDigest.Discord;
using CryptoDigest.Storage;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Host;

/// <summary>
/// The Host's verbs (README's verb table): serve (default), chat, ask "&lt;text&gt;", feeds ..., db migrate.
/// Arguments after a verb's own are configuration overrides (--AI:Model=..., --Logging:LogLevel:Default=Debug).
/// Exit codes: 0 done, 1 unexpected failure, 2 bad usage of a verb, 3 bad configuration.
/// </summary>
public static class HostCommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadUsage = 2;
    public const int BadConfiguration = 3;

    private const string Usage = """
        Usage: CryptoDigest.Host [verb] [--Section:Key=value ...]
          serve            run the bot (default): configured adapters, or a console chat when none is
          chat             console chat on stdin/stdout
          ask "<text>"     answer one message, print the reply, exit
          feeds <sub-verb> parse, fetch, import or export newsletter feeds (feeds --help)
          brief [--json]   show the current edition (composing one if there is none)
          brief send-now [--chat <id>]
                           deliver today's brief now to subscriptions that have not had it
          security check <url or domain>... [--json]
                           check addresses for lookalike and phishing tricks, offline
          index weights | index backtest
                           index analytics on saved CoinGecko files or the market data (index --help)
          db migrate       apply database migrations
          discord register [--guild <id>]
                           overwrite the Discord slash commands (globally, or in one guild for testing)
        """;

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var verb = args.Length == 0 || args[0].StartsWith('-') ? "serve" : args[0];
        var rest = verb == "serve" && (args.Length == 0 || args[0].StartsWith('-')) ? args : args[1..];
        try
        {
            switch (verb)
            {
                case "serve":
                    return await ServeAsync(rest, input, output);
                case "chat":
                    return await ChatAsync(rest, input, output);
                case "ask":
                    if (rest.Length == 0 || rest[0].StartsWith("--", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(rest[0]))
                    {
                        return Fail(error, "ask needs the message to answer, e.g. ask \"/security how do I store bitcoin safely\"", BadUsage);
                    }

                    return await AskAsync(rest[0], rest[1..], output);
                case "feeds":
                    return await FeedsVerb.RunAsync(rest, output, error);
                case "brief":
                    return await BriefVerb.RunAsync(rest, output, error);
                case "security":
                    return await SecurityVerb.RunAsync(rest, output, error);
                case "index":
                    return await IndexVerb.RunAsync(rest, output, error);
                case "db":
                    if (rest.Length == 0 || rest[0] != "migrate")
                    {
                        return Fail(error, "db needs a sub-verb: db migrate", BadUsage);
                    }

                    return await MigrateAsync(rest[1..], output);
                case "discord":
                    return await DiscordAsync(rest, output, error);
                case "help" or "--help" or "-h":
                    await output.WriteLineAsync(Usage);
                    return Ok;
                default:
                    return Fail(error, $"unknown verb '{verb}'. Verbs: serve, chat, ask, feeds, brief, index, security check, db migrate, discord register (try --help)", BadUsage);
            }
        }
        catch (OptionsValidationException ex)
        {
            return Fail(error, "configuration error: " + string.Join(" ", ex.Failures), BadConfiguration);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The message only: stack traces of a failed start help nobody running the bot,
            // and set Logging:LogLevel:Default=Debug to see more.
            return Fail(error, ex.Message.ReplaceLineEndings(" "), Failed);
        }
    }

    /// <summary>
    /// Runs the bot: the Hangfire server and recurring jobs, HTTP endpoints when something needs
    /// them, and the console chat when no chat platform is configured (ending at end of input).
    /// </summary>
    private static async Task<int> ServeAsync(string[] configurationArgs, TextReader input, TextWriter output)
    {
        using var host = CryptoDigestBuilder.BuildServing(configurationArgs);
        await StartAsync(host);
        if (CryptoDigestBuilder.HasChatPlatform(host.Services.GetRequiredService<IConfiguration>()))
        {
            await host.WaitForShutdownAsync();
            return Ok;
        }

        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        await host.Services.GetRequiredService<ConsoleChat>().RunAsync(input, output, lifetime.ApplicationStopping);
        await host.StopAsync();
        return Ok;
    }

    private static async Task<int> ChatAsync(string[] configurationArgs, TextReader input, TextWriter output)
    {
        using var host = CryptoDigestBuilder.CreateBuilder(configurationArgs, quiet: true).Build();
        await StartAsync(host);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        await host.Services.GetRequiredService<ConsoleChat>().RunAsync(input, output, stopping.Token);
        await host.StopAsync();
        return Ok;
    }

    private static async Task<int> AskAsync(string text, string[] configurationArgs, TextWriter output)
    {
        using var host = CryptoDigestBuilder.CreateBuilder(configurationArgs, quiet: true).Build();
        await StartAsync(host);
        var reply = await host.Services.GetRequiredService<ConsoleChat>().AnswerAsync(text, CancellationToken.None);
        await output.WriteAsync(PlainTextRenderer.Render(reply));
        await host.StopAsync();
        return Ok;
    }

    private static async Task<int> MigrateAsync(string[] configurationArgs, TextWriter output)
    {
        using var host = CryptoDigestBuilder.CreateBuilder(configurationArgs, quiet: false).Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var storage = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        await output.WriteLineAsync(storage.UsesPostgres
            ? "The PostgreSQL database is up to date."
            : $"The SQLite database {Path.GetFullPath(storage.SqlitePath)} is up to date.");
        await host.StopAsync();
        return Ok;
    }

    /// <summary>discord register [--guild &lt;id&gt;]: a bulk overwrite, so running it twice is harmless.</summary>
    private static async Task<int> DiscordAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] != "register")
        {
            return Fail(error, "discord needs a sub-verb: discord register [--guild <id>]", BadUsage);
        }

        var rest = args[1..];
        string? guild = null;
        if (rest.Length > 0 && rest[0] == "--guild")
        {
            if (rest.Length < 2 || !rest[1].All(char.IsAsciiDigit))
            {
                return Fail(error, "--guild needs the guild (server) id, e.g. discord register --guild 123456789012345678", BadUsage);
            }

            guild = rest[1];
            rest = rest[2..];
        }

        var builder = CryptoDigestBuilder.CreateBuilder(rest, quiet: true);
        builder.Services.AddDiscord(builder.Configuration);
        using var host = builder.Build();
        var discord = host.Services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        if (string.IsNullOrWhiteSpace(discord.ApplicationId) || string.IsNullOrWhiteSpace(discord.BotToken))
        {
            return Fail(error, "discord register needs Discord:ApplicationId, Discord:PublicKey and Discord:BotToken", BadConfiguration);
        }

        var registrar = host.Services.GetRequiredService<DiscordCommandRegistrar>();
        var count = await registrar.RegisterAsync(guild, CancellationToken.None);
        await output.WriteLineAsync(guild is null
            ? $"Registered {count} global commands (Discord may take a while to show them everywhere)."
            : $"Registered {count} commands in guild {guild}.");
        return Ok;
    }

    /// <summary>
    /// Applies migrations when configured to, then starts the host (which validates every setting):
    /// in that order, so no job runs against a schema that is not there yet.
    /// </summary>
    internal static async Task StartAsync(IHost host)
    {
        await CryptoDigestBuilder.MigrateIfConfiguredAsync(host);
        await host.StartAsync();
    }

    private static int Fail(TextWriter error, string message, int exitCode)
    {
        error.WriteLine($"error: {message}");
        return exitCode;
    }
}
