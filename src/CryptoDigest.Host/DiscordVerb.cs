using System.CommandLine;
using CryptoDigest.Discord;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Host;

/// <summary>discord register [--guild &lt;id&gt;]: overwrites the slash commands in bulk, so running it twice is harmless.</summary>
internal static class DiscordVerb
{
    private const string GuildNeeded = "--guild needs the guild (server) id, e.g. discord register --guild 123456789012345678";

    public static Command Create(VerbConsole console)
    {
        var guild = VerbArguments.ValueOption("--guild", GuildNeeded, (id, result) =>
        {
            if (id.Length > 0 && id.All(char.IsAsciiDigit))
            {
                return id;
            }

            result.AddError(GuildNeeded);
            return null;
        });
        var register = new Command("register", "overwrite the Discord slash commands") { guild };
        register.TreatUnmatchedTokensAsErrors = false;
        register.SetAction((parsed, cancellationToken) => RegisterAsync(parsed.GetValue(guild), [.. parsed.UnmatchedTokens], console, cancellationToken));
        var discord = new Command("discord") { register };
        discord.TreatUnmatchedTokensAsErrors = false;
        discord.SetAction(_ => console.Fail("discord needs a sub-verb: discord register [--guild <id>]"));
        return discord;
    }

    private static async Task<int> RegisterAsync(string? guild, string[] settings, VerbConsole console, CancellationToken cancellationToken)
    {
        var builder = CryptoDigestBuilder.CreateBuilder(settings, quiet: true);
        builder.Services.AddDiscord(builder.Configuration);
        using var host = builder.Build();
        var discord = host.Services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        if (string.IsNullOrWhiteSpace(discord.ApplicationId) || string.IsNullOrWhiteSpace(discord.BotToken))
        {
            return console.Fail("discord register needs Discord:ApplicationId, Discord:PublicKey and Discord:BotToken", HostCommandLine.BadConfiguration);
        }

        var count = await host.Services.GetRequiredService<DiscordCommandRegistrar>().RegisterAsync(guild, cancellationToken);
        await console.Output.WriteLineAsync(guild is null
            ? $"Registered {count} global commands (Discord may take a while to show them everywhere)."
            : $"Registered {count} commands in guild {guild}.");
        return HostCommandLine.Ok;
    }
}
