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
/// so it never sends a chat's brief twice.
/// </summary>
internal static class BriefVerb
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length > 0 && args[0] == "send-now")
        {
            return await SendNowAsync(args[1..], output, error);
        }

        var json = args.Length > 0 && args[0] == "--json";
        var rest = json ? args[1..] : args;
        if (rest.Length > 0 && !rest[0].StartsWith("--", StringComparison.Ordinal))
        {
            return Fail(error, $"unknown brief sub-verb '{rest[0]}'. Use: brief [--json] | brief send-now [--chat <id>]");
        }

        using var host = CryptoDigestBuilder.CreateBuilder(rest, quiet: true).Build();
        await CryptoDigestBuilder.MigrateIfConfiguredAsync(host);
        var composer = host.Services.GetRequiredService<BriefComposer>();
        var edition = (await composer.LatestAsync(CancellationToken.None))?.Edition ?? await composer.ComposeAsync(CancellationToken.None);
        var content = BriefComposer.Read(edition);
        await output.WriteAsync(json
            ? JsonSerializer.Serialize(content) + "\n"
            : PlainTextRenderer.Render(BriefReplyBuilder.ToReply(content)));
        return HostCommandLine.Ok;
    }

    private static async Task<int> SendNowAsync(string[] args, TextWriter output, TextWriter error)
    {
        string? chat = null;
        if (args.Length > 0 && args[0] == "--chat")
        {
            if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
            {
                return Fail(error, "--chat needs the chat or channel id, e.g. brief send-now --chat -1001234567890");
            }

            chat = args[1];
            args = args[2..];
        }

        var builder = CryptoDigestBuilder.CreateBuilder(args, quiet: true);
        builder.Services.AddChatPlatforms(builder.Configuration);
        // Not started: the adapters' pollers and webhooks must not run in a one-off verb.
        using var host = builder.Build();
        await CryptoDigestBuilder.MigrateIfConfiguredAsync(host);
        var dispatched = await host.Services.GetRequiredService<BriefDispatcher>().DispatchNowAsync(chat, CancellationToken.None);
        await host.Services.GetRequiredService<BriefDeliverer>().DeliverDueAsync(CancellationToken.None);

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var today = await db.Deliveries.AsNoTracking()
            .Where(d => chat == null || d.Subscription!.ChatId == chat)
            .GroupBy(d => d.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync();
        await output.WriteLineAsync($"Dispatched {dispatched} new deliveries. Deliveries by status: " +
            string.Join(", ", today.OrderBy(t => t.Status).Select(t => $"{t.Status.ToString().ToLowerInvariant()} {t.Count}")));
        return HostCommandLine.Ok;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"error: {message}");
        return HostCommandLine.BadUsage;
    }
}
