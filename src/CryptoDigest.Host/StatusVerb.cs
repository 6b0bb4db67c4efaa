using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using CryptoDigest.Chat;
using CryptoDigest.Operations;
using CryptoDigest.Replies;

namespace CryptoDigest.Host;

/// <summary>
/// status [--json]: the operator's view (docs/operations.md) read from the database: sources, the last edition,
/// today's deliveries and the outbox, model tokens against the budget, link scanning, e-mail intake. --json prints
/// the same as one JSON object (camelCase names, instants in ISO 8601). Tokens after it are settings.
/// </summary>
internal static class StatusVerb
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(VerbConsole console)
    {
        var json = new Option<bool>("--json");
        var status = new Command("status", "print the operator's view of the bot") { json };
        status.TreatUnmatchedTokensAsErrors = false;
        status.SetAction((parsed, cancellationToken) =>
        {
            var (settings, operands) = VerbArguments.SplitSettings([.. parsed.UnmatchedTokens]);
            return operands.FirstOrDefault() is { } unknown
                ? Task.FromResult(console.Fail($"unknown argument '{unknown}'. Use: status [--json]"))
                : PrintAsync(parsed.GetValue(json), settings, console, cancellationToken);
        });
        return status;
    }

    private static async Task<int> PrintAsync(bool json, string[] settings, VerbConsole console, CancellationToken cancellationToken)
    {
        // Built, never started: reading the database needs neither the jobs nor the adapters.
        using var host = CryptoDigestBuilder.CreateBuilder(settings, quiet: true).Build();
        await CryptoDigestBuilder.MigrateIfConfiguredAsync(host);
        var status = await host.Services.GetRequiredService<OperatorStatusReader>().ReadAsync(cancellationToken);
        await console.Output.WriteAsync(json
            ? JsonSerializer.Serialize(status, Json) + "\n"
            : PlainTextRenderer.Render(new ChatReply(OperatorStatusText.Blocks(status))));
        return HostCommandLine.Ok;
    }
}
