using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using CryptoDigest.Security.LinkCheck;

namespace CryptoDigest.Host;

/// <summary>
/// security check &lt;input&gt;... [--json]: the link check of each URL or domain, offline (nothing is
/// fetched or resolved). --json prints one {"input","verdict","reasons","lookalikeOf"} line per input.
/// Exit 0 whatever the verdicts; 2 when the arguments are wrong.
/// </summary>
internal static class SecurityVerb
{
    private const string CheckUsage = "security check <url or domain>... [--json]";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(VerbConsole console)
    {
        var security = new Command("security") { CreateCheck(console) };
        security.TreatUnmatchedTokensAsErrors = false;
        security.SetAction(_ => console.Fail($"security needs a sub-verb: {CheckUsage}"));
        return security;
    }

    private static Command CreateCheck(VerbConsole console)
    {
        var inputs = new Argument<string[]>("inputs") { Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json");
        var check = new Command("check", "check addresses for lookalike and phishing tricks, offline") { inputs, json };
        check.SetAction((parsed, cancellationToken) =>
        {
            var (settings, operands) = VerbArguments.SplitSettings(parsed.GetValue(inputs) ?? []);
            if (operands.FirstOrDefault(o => o.StartsWith("--", StringComparison.Ordinal)) is { } unknown)
            {
                return Task.FromResult(console.Fail($"unknown option '{unknown}'. Use: {CheckUsage}"));
            }

            var addresses = operands.Where(o => !string.IsNullOrWhiteSpace(o)).ToList();
            return addresses.Count == 0
                ? Task.FromResult(console.Fail("security check needs at least one URL or domain, e.g. security check binance.com"))
                : CheckAsync(addresses, parsed.GetValue(json), settings, console);
        });
        return check;
    }

    private static async Task<int> CheckAsync(IReadOnlyList<string> inputs, bool json, string[] settings, VerbConsole console)
    {
        // Built, never started: the check needs its data files and settings, not the database or the adapters.
        using var host = CryptoDigestBuilder.CreateBuilder(settings, quiet: true).Build();
        var checker = host.Services.GetRequiredService<LinkChecker>();
        foreach (var input in inputs)
        {
            var verdict = checker.Check(input);
            if (json)
            {
                await console.Output.WriteLineAsync(JsonSerializer.Serialize(verdict, Json));
            }
            else
            {
                await WriteTextAsync(console.Output, input, verdict);
            }
        }

        return HostCommandLine.Ok;
    }

    private static async Task WriteTextAsync(TextWriter output, string input, LinkVerdict verdict)
    {
        await output.WriteLineAsync($"{input}: {verdict.Verdict}");
        foreach (var reason in verdict.EnglishReasons)
        {
            await output.WriteLineAsync($"  - {reason}");
        }

        if (verdict.LookalikeOf is { } real)
        {
            await output.WriteLineAsync($"  the real site: {real}");
        }
    }
}
