using System.CommandLine;
using CryptoDigest.Chat;

namespace CryptoDigest.Host;

/// <summary>
/// serve (also what runs with no verb): the bot until it is stopped: the Hangfire server and recurring
/// jobs, HTTP endpoints when something needs them, and the console chat when no chat platform is on
/// (ending at end of input). Every token after the verb is a setting.
/// </summary>
internal static class ServeVerb
{
    public static Command Create(VerbConsole console)
    {
        var serve = new Command("serve", "run the bot") { TreatUnmatchedTokensAsErrors = false };
        serve.SetAction((parsed, cancellationToken) => RunAsync([.. parsed.UnmatchedTokens], console, cancellationToken));
        return serve;
    }

    public static async Task<int> RunAsync(string[] settings, VerbConsole console, CancellationToken cancellationToken)
    {
        using var host = CryptoDigestBuilder.BuildServing(settings);
        await CryptoDigestBuilder.MigrateAndStartAsync(host, cancellationToken);
        if (CryptoDigestBuilder.HasChatPlatform(host.Services.GetRequiredService<IConfiguration>()))
        {
            await host.WaitForShutdownAsync();
            return HostCommandLine.Ok;
        }

        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        await host.Services.GetRequiredService<ConsoleChat>().RunAsync(console.Input, console.Output, lifetime.ApplicationStopping);
        await host.StopAsync();
        return HostCommandLine.Ok;
    }
}
