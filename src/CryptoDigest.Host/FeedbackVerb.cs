using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CryptoDigest.Operations;

namespace CryptoDigest.Host;

/// <summary>
/// feedback export [--since DATE] [--jsonl]: writes the evaluation set (docs/feedback.md) to stdout: each rated
/// brief or answer with its text, sources, votes and reasons, as one JSON array, or one JSON object per line with
/// --jsonl. --since takes a date (yyyy-MM-dd, UTC midnight) or an ISO 8601 instant; votes cast or changed before it
/// are left out. Tokens after it are settings.
/// </summary>
internal static class FeedbackVerb
{
    private const string SinceNeeded = "--since needs a date, e.g. feedback export --since 2026-11-01";
    private const string Use = "Use: feedback export [--since DATE] [--jsonl]";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Output for scripts, not HTML: keep non-ASCII text (and the answers' languages) readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(VerbConsole console)
    {
        var since = VerbArguments.ValueOption<DateTimeOffset?>("--since", SinceNeeded, (text, result) =>
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            {
                return at;
            }

            result.AddError(SinceNeeded);
            return null;
        });
        var jsonl = new Option<bool>("--jsonl");
        var export = new Command("export", "write the evaluation set of rated briefs and answers") { since, jsonl };
        export.TreatUnmatchedTokensAsErrors = false;
        export.SetAction((parsed, cancellationToken) =>
        {
            var (settings, operands) = VerbArguments.SplitSettings([.. parsed.UnmatchedTokens]);
            return operands.FirstOrDefault() is { } unknown
                ? Task.FromResult(console.Fail($"unknown argument '{unknown}'. {Use}"))
                : ExportAsync(parsed.GetValue(since), parsed.GetValue(jsonl), settings, console, cancellationToken);
        });
        var feedback = new Command("feedback", "the members' votes on briefs and answers") { export };
        feedback.TreatUnmatchedTokensAsErrors = false;
        feedback.SetAction(_ => console.Fail("feedback needs a sub-verb. " + Use));
        return feedback;
    }

    private static async Task<int> ExportAsync(DateTimeOffset? since, bool jsonl, string[] settings, VerbConsole console, CancellationToken cancellationToken)
    {
        // Built, never started: reading the database needs neither the jobs nor the adapters.
        using var host = CryptoDigestBuilder.CreateBuilder(settings, quiet: true).Build();
        await CryptoDigestBuilder.MigrateIfConfiguredAsync(host);
        var entries = await host.Services.GetRequiredService<FeedbackExport>().ReadAsync(since, cancellationToken);
        if (jsonl)
        {
            foreach (var entry in entries)
            {
                await console.Output.WriteAsync(JsonSerializer.Serialize(entry, Json) + "\n");
            }
        }
        else
        {
            await console.Output.WriteAsync(JsonSerializer.Serialize(entries, Json) + "\n");
        }

        return HostCommandLine.Ok;
    }
}
