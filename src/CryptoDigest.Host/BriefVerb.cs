using System.CommandLine;
using System.Text.Json;
using CryptoDigest.Briefs;
using CryptoDigest.Chat;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;

namespace CryptoDigest.Host;

/// <summary>
/// brief [--json]: shows the current edition (composing one if there is none).
/// brief send-now [--chat &lt;id&gt;]: delivers today's brief now to every active subscription
/// (or one chat) that has not had it yet, through the same outbox and senders as the schedule,
/// so it never sends a chat's brief twice. Tokens after them are settings.
/// </summary>
internal static class BriefVerb
{
    private const string ChatNeeded = "--chat needs the chat or channel id, e.g. brief send-now --chat -1001234567890";

    public static Command Create(VerbConsole console)
    {
        var json = new Option<bool>("--json");
        var brief = new Command("brief", "show the current edition") { json, CreateSendNow(console) };
        brief.TreatUnmatchedTokensAsErrors = false;
        brief.SetAction((parsed, cancellationToken) => parsed.UnmatchedTokens is [var first, ..] && !first.StartsWith("--", StringComparison.Ordinal)
            ? Task.FromResult(console.Fail($"unknown brief sub-verb '{first}'. Use: brief [--json] | brief send-now [--chat <id>]"))
            : ShowAsync(parsed.GetValue(json), [.. parsed.UnmatchedTokens], console, cancellationToken));
        return brief;
    }

    private static Command CreateSendNow(VerbConsole console)
    {
        var chat = VerbArguments.ValueOption("--chat", ChatNeeded, (id, _) => id);
        var sendNow = new Command("send-now", "deliver today's brief now") { chat };
        sendNow.TreatUnmatchedTokensAsErrors = false;
        sendNow.SetAction((parsed, cancellationToken) => SendNowAsync(parsed.GetValue(chat), [.. parsed.UnmatchedTokens], console, cancellationToken));
        return sendNow;
    }

    private static async Task<int> ShowAsync(bool json, string[] settings, VerbConsole console, CancellationToken cancellationToken)
    {
        using var host = CryptoDigestBuilder.CreateBuilder(settings, quiet: true).Build();
        await CryptoDigestBuilder.MigrateIfConfiguredAsync(host);
        var composer = host.Services.GetRequiredService<BriefComposer>();
        var edition = (await composer.LatestAsync(cancellationToken))?.Edition ?? await composer.ComposeAsync(cancellationToken);
        var content = BriefComposer.Read(edition);
        await console.Output.WriteAsync(json
            ? JsonSerializer.Serialize(content) + "\n"
            : PlainTextRenderer.Render(BriefReplyBuilder.ToReply(content)));
        return HostCommandLine.Ok;
    }

    private static async Task<int> SendNowAsync(string? chat, string[] settings, VerbConsole console, CancellationToken cancellationToken)
    {
        var builder = CryptoDigestBuilder.CreateBuilder(settings, quiet: true);
        builder.Services.AddChatPlatforms(builder.Configuration);
        // Not started: the adapters' pollers and webhooks must not run in a one-off verb.
        using var host = builder.Build();
        await CryptoDigestBuilder.MigrateIfConfiguredAsync(host);
        var dispatched = await host.Services.GetRequiredService<BriefDispatcher>().DispatchNowAsync(chat, cancellationToken);
        await host.Services.GetRequiredService<BriefDeliverer>().DeliverDueAsync(cancellationToken);

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var today = await db.Deliveries.AsNoTracking()
            .Where(d => chat == null || d.Subscription!.ChatId == chat)
            .GroupBy(d => d.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        await console.Output.WriteLineAsync($"Dispatched {dispatched} new deliveries. Deliveries by status: " +
            string.Join(", ", today.OrderBy(t => t.Status).Select(t => $"{t.Status.ToString().ToLowerInvariant()} {t.Count}")));
        return HostCommandLine.Ok;
    }
}
