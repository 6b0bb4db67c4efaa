using Microsoft.Extensions.Options;

namespace CryptoDigest.Discord;

/// <summary>
/// Replaces the application's slash commands with <see cref="DiscordApplicationCommands.All"/> in one bulk
/// overwrite (https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands):
/// globally, or in one guild, where changes show at once (the way to test).
/// </summary>
public sealed class DiscordCommandRegistrar(DiscordRestClient rest, IOptions<DiscordOptions> options)
{
    /// <summary>Registers the commands and returns how many Discord now has; throws with Discord's reason on failure.</summary>
    public async Task<int> RegisterAsync(string? guildId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!DiscordOptions.IsSnowflake(settings.ApplicationId) || string.IsNullOrWhiteSpace(settings.BotToken))
        {
            throw new InvalidOperationException("registering commands needs Discord:ApplicationId and Discord:BotToken");
        }

        if (guildId is not null && !DiscordOptions.IsSnowflake(guildId))
        {
            throw new ArgumentException($"'{guildId}' is not a Discord guild id", nameof(guildId));
        }

        var route = guildId is null
            ? DiscordRoute.GlobalCommands(settings.ApplicationId!)
            : DiscordRoute.GuildCommands(settings.ApplicationId!, guildId);
        var response = await rest.SendAsync(HttpMethod.Put, route, DiscordApplicationCommands.All, cancellationToken);
        if (!response.IsSuccess)
        {
            throw new InvalidOperationException("Discord refused the commands: " + response.Error);
        }

        return DiscordApplicationCommands.All.Count;
    }
}
