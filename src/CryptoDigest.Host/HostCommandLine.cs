using System.CommandLine;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Host;

/// <summary>
/// The Host's verbs (README's verb table): serve (default), chat, ask "&lt;text&gt;", feeds ..., brief ..., status, feedback export,
/// security check ..., index ..., db migrate, discord register. Parsed with System.CommandLine; each verb
/// declares its own arguments in its *Verb class. Arguments after a verb's own are configuration
/// overrides (--AI:Model=..., --Logging:LogLevel:Default=Debug).
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
          status [--json]  the operator's view: sources, last edition, deliveries, tokens, scans, e-mail, feedback
          feedback export [--since DATE] [--jsonl]
                           the rated briefs and answers with their votes, as JSON (one object a line with --jsonl)
          security check <url or domain>... [--json]
                           check addresses for lookalike and phishing tricks, offline
          index weights | index backtest
                           index analytics on saved CoinGecko files or the market data (index --help)
          db migrate       apply database migrations
          discord register [--guild <id>]
                           overwrite the Discord slash commands (globally, or in one guild for testing)
        """;

    private static readonly ParserConfiguration Parsing = new()
    {
        // "@name" in an ask message is a mention, not a response file to read arguments from.
        ResponseFileTokenReplacer = null,
        EnablePosixBundling = false,
    };

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var console = new VerbConsole(input, output, error);
        var parsed = CreateVerbs(console).Parse(args, Parsing);
        if (parsed.Errors is [var first, ..])
        {
            // Every verb's own checks speak in its words; the first problem is the one line.
            return console.Fail(first.Message);
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                // Failures are reported below as one line; serve handles SIGTERM itself (it stops gracefully).
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (OptionsValidationException ex)
        {
            return console.Fail("configuration error: " + string.Join(" ", ex.Failures), BadConfiguration);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The message only: stack traces of a failed start help nobody running the bot,
            // and set Logging:LogLevel:Default=Debug to see more.
            return console.Fail(ex.Message, Failed);
        }
    }

    /// <summary>The verbs; with no verb (nothing, or settings only) the bot serves.</summary>
    private static RootCommand CreateVerbs(VerbConsole console)
    {
        var root = new RootCommand("CryptoDigest: a chat bot for crypto research digests")
        {
            ServeVerb.Create(console),
            ChatVerb.CreateChat(console),
            ChatVerb.CreateAsk(console),
            FeedsVerb.Create(console),
            BriefVerb.Create(console),
            StatusVerb.Create(console),
            FeedbackVerb.Create(console),
            SecurityVerb.Create(console),
            IndexVerb.Create(console),
            DatabaseVerb.Create(console),
            DiscordVerb.Create(console),
        };
        // Our usage text instead of the generated help; no --version and no [directives].
        root.Options.Clear();
        root.Directives.Clear();
        UsageAction.AddTo(root, Usage, console.Output);
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((parsed, cancellationToken) => parsed.UnmatchedTokens is [var verb, ..] && !verb.StartsWith('-')
            ? Task.FromResult(console.Fail($"unknown verb '{verb}'. Verbs: serve, chat, ask, feeds, brief, status, feedback export, index, security check, db migrate, discord register (try --help)"))
            : ServeVerb.RunAsync([.. parsed.UnmatchedTokens], console, cancellationToken));
        return root;
    }
}
