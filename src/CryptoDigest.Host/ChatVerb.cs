using System.CommandLine;
using CryptoDigest.Chat;

namespace CryptoDigest.Host;

/// <summary>
/// The console chat without the rest of the bot: chat (a conversation on stdin/stdout) and
/// ask "&lt;text&gt;" (one message answered as plain text, for scripts). Tokens after them are settings.
/// </summary>
internal static class ChatVerb
{
    public static Command CreateChat(VerbConsole console)
    {
        var chat = new Command("chat", "console chat on stdin/stdout") { TreatUnmatchedTokensAsErrors = false };
        chat.SetAction((parsed, cancellationToken) => ChatAsync([.. parsed.UnmatchedTokens], console, cancellationToken));
        return chat;
    }

    public static Command CreateAsk(VerbConsole console)
    {
        var text = new Argument<string?>("text") { Arity = ArgumentArity.ZeroOrOne };
        var ask = new Command("ask", "answer one message, print the reply, exit") { text };
        ask.TreatUnmatchedTokensAsErrors = false;
        ask.SetAction((parsed, cancellationToken) =>
            parsed.GetValue(text) is { } message && !string.IsNullOrWhiteSpace(message) && !message.StartsWith("--", StringComparison.Ordinal)
                ? AskAsync(message, [.. parsed.UnmatchedTokens], console, cancellationToken)
                : Task.FromResult(console.Fail("ask needs the message to answer, e.g. ask \"/security how do I store bitcoin safely\"")));
        return ask;
    }

    private static async Task<int> ChatAsync(string[] settings, VerbConsole console, CancellationToken cancellationToken)
    {
        using var host = CryptoDigestBuilder.CreateBuilder(settings, quiet: true).Build();
        await CryptoDigestBuilder.MigrateAndStartAsync(host, cancellationToken);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        await host.Services.GetRequiredService<ConsoleChat>().RunAsync(console.Input, console.Output, stopping.Token);
        await host.StopAsync();
        return HostCommandLine.Ok;
    }

    private static async Task<int> AskAsync(string text, string[] settings, VerbConsole console, CancellationToken cancellationToken)
    {
        using var host = CryptoDigestBuilder.CreateBuilder(settings, quiet: true).Build();
        await CryptoDigestBuilder.MigrateAndStartAsync(host, cancellationToken);
        var reply = await host.Services.GetRequiredService<ConsoleChat>().AnswerAsync(text, cancellationToken);
        await console.Output.WriteAsync(PlainTextRenderer.Render(reply));
        await host.StopAsync();
        return HostCommandLine.Ok;
    }
}
