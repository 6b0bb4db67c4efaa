using CryptoDigest.Discord;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Tests.Discord;

/// <summary>Discord:Gateway:* is off by default and checked at start, each message naming its key.</summary>
public class DiscordGatewayOptionsTests
{
    private const string PublicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    [Fact]
    public void The_gateway_is_off_by_default_with_one_shard()
    {
        var options = Build([]).GetRequiredService<IOptions<DiscordOptions>>().Value;

        Assert.Equal((false, 1, 0, false), (options.Gateway.Enabled, options.Gateway.ShardCount, options.Gateway.ShardId, options.UsesGateway));
    }

    [Fact]
    public void Enabled_without_the_rest_of_discord_does_not_connect()
    {
        var options = Build(new() { ["Discord:Gateway:Enabled"] = "true" }).GetRequiredService<IOptions<DiscordOptions>>().Value;

        Assert.False(options.UsesGateway);
    }

    [Theory]
    [InlineData("Discord:Gateway:ShardCount", "0", "Discord:Gateway:ShardCount must be between 1 and 1024")]
    [InlineData("Discord:Gateway:ShardId", "1", "Discord:Gateway:ShardId must be between 0 and Discord:Gateway:ShardCount - 1 (0)")]
    [InlineData("Discord:Gateway:ShardId", "-1", "Discord:Gateway:ShardId must be between 0")]
    [InlineData("Discord:BotToken", "", "Discord:BotToken is required when Discord:Gateway:Enabled is true")]
    public void A_bad_gateway_setting_fails_with_a_message_naming_its_key(string key, string value, string expected)
    {
        using var provider = Build(new()
        {
            ["Discord:ApplicationId"] = "123456789012345678",
            ["Discord:PublicKey"] = PublicKey,
            ["Discord:BotToken"] = "token",
            ["Discord:Gateway:Enabled"] = "true",
            [key] = value,
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DiscordOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddDiscord(configuration);
        return services.BuildServiceProvider();
    }
}
