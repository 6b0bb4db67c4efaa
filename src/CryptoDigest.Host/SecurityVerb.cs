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
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] != "check")
        {
            return Fail(error, "security needs a sub-verb: security check <url or domain>... [--json]");
        }

        var inputs = new List<string>();
        var configuration = new List<string>();
        var json = false;
        foreach (var arg in args[1..])
        {
            if (arg == "--json")
            {
                json = true;
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal))
            {
                configuration.Add(arg);
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                return Fail(error, $"unknown option '{arg}'. Use: security check <url or domain>... [--json]");
            }
            else if (!string.IsNullOrWhiteSpace(arg))
            {
                inputs.Add(arg);
            }
        }

        if (inputs.Count == 0)
        {
            return Fail(error, "security check needs at least one URL or domain, e.g. security check binance.com");
        }

        // Built, never started: the check needs its data files and settings, not the database or the adapters.
        using var host = CryptoDigestBuilder.CreateBuilder([.. configuration], quiet: true).Build();
        var checker = host.Services.GetRequiredService<LinkChecker>();
        foreach (var input in inputs)
        {
            var verdict = checker.Check(input);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(verdict, Json));
                continue;
            }

            await output.WriteLineAsync($"{input}: {verdict.Verdict}");
            foreach (var reason in verdict.Reasons)
            {
                await output.WriteLineAsync($"  - {reason}");
            }

            if (verdict.LookalikeOf is { } real)
            {
                await output.WriteLineAsync($"  the real site: {real}");
            }
        }

        return HostCommandLine.Ok;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"error: {message}");
        return HostCommandLine.BadUsage;
    }
}
