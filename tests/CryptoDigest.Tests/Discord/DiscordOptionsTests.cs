using System.Text.Json;
using System.Text.RegularExpressions;
using CryptoDigest.Discord;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Tests.Discord;

public partial class DiscordOptionsTests
{
    private const string PublicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    [Fact]
    public void AddDiscord_without_discord_settings_validates_and_leaves_discord_off()
    {
        using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<DiscordOptions>>().Value;

        Assert.False(options.IsConfigured);
        // Discord's own API, version 10 (named by its parts: tests never call it).
        Assert.Equal((Uri.UriSchemeHttps, "discord.com", "/api/v10/"), (options.ApiBaseUri.Scheme, options.ApiBaseUri.Host, options.ApiBaseUri.AbsolutePath));
    }

    [Fact]
    public void AddDiscord_binds_the_example_settings()
    {
        var example = new ConfigurationBuilder().AddJsonFile(RepositoryFiles.Find("appsettings.example.json")).Build();
        using var provider = Build(example.AsEnumerable().ToDictionary(p => p.Key, p => p.Value));

        var options = provider.GetRequiredService<IOptions<DiscordOptions>>().Value;

        Assert.False(options.IsConfigured);
        foreach (var property in typeof(DiscordOptions).GetProperties().Where(p => p.CanWrite))
        {
            Assert.True(example.GetSection("Discord").GetChildren().Any(c => c.Key == property.Name), $"Discord:{property.Name} is missing from appsettings.example.json");
        }
    }

    [Theory]
    [InlineData("Discord:PublicKey", "abc", "Discord:PublicKey must be 64 hex characters")]
    [InlineData("Discord:ApplicationId", "my-app", "Discord:ApplicationId must be the application's numeric id")]
    [InlineData("Discord:BotToken", "Bot abc", "Discord:BotToken must not contain spaces")]
    [InlineData("Discord:ApiBaseUrl", "discord.com", "Discord:ApiBaseUrl must be an absolute http or https URL")]
    [InlineData("Discord:DeferAfterMilliseconds", "3000", "Discord:DeferAfterMilliseconds must be between 0 and 2900")]
    public void AddDiscord_a_bad_setting_fails_with_a_message_naming_its_key(string key, string value, string expected)
    {
        using var provider = Build(new()
        {
            ["Discord:ApplicationId"] = "123456789012345678",
            ["Discord:PublicKey"] = PublicKey,
            ["Discord:BotToken"] = "token",
            [key] = value,
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DiscordOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(error.Failures, f => f.Contains("Bot abc", StringComparison.Ordinal));
    }

    [Fact]
    public void AddDiscord_a_bot_token_without_the_public_key_is_refused()
    {
        using var provider = Build(new() { ["Discord:BotToken"] = "token" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DiscordOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith("Discord:PublicKey must be 64 hex characters", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/api/v10/")]
    [InlineData("http://127.0.0.1:5000/api/v10/", "http://127.0.0.1:5000/api/v10/")]
    [InlineData("https://discord.example.com/api/v10", "https://discord.example.com/api/v10/")]
    public void ApiBaseUri_always_has_the_version_in_the_path(string setting, string expected)
    {
        Assert.Equal(new Uri(expected), new DiscordOptions { ApiBaseUrl = setting }.ApiBaseUri);
    }

    [Fact]
    public void Commands_follow_discords_naming_and_size_rules()
    {
        foreach (var command in DiscordApplicationCommands.All)
        {
            Assert.Matches(NameRule(), command.Name);
            Assert.InRange(command.Description.Length, 1, 100);
            foreach (var option in command.Options ?? [])
            {
                Assert.Matches(NameRule(), option.Name);
                Assert.InRange(option.Description.Length, 1, 100);
            }
        }

        Assert.Equal(
            ["help", "brief", "digest", "index", "security", "ask", "search", "subscribe", "unsubscribe", "settings", "sources", "status"],
            DiscordApplicationCommands.All.Select(c => c.Name));
    }

    [Fact]
    public void Commands_subscribe_and_unsubscribe_default_to_manage_channels_and_others_to_everyone()
    {
        var json = JsonSerializer.SerializeToElement(DiscordApplicationCommands.All, DiscordJson.Options);

        var subscribe = json.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "subscribe");
        Assert.Equal("16", subscribe.GetProperty("default_member_permissions").GetString());
        Assert.Equal(["time", "timezone"], subscribe.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.True(subscribe.GetProperty("options")[1].GetProperty("autocomplete").GetBoolean());
        var unsubscribe = json.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "unsubscribe");
        Assert.Equal("16", unsubscribe.GetProperty("default_member_permissions").GetString());
        var index = json.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "index");
        Assert.False(index.TryGetProperty("default_member_permissions", out _));
        Assert.Equal(3, index.GetProperty("options")[0].GetProperty("type").GetInt32());
        Assert.True(index.GetProperty("options")[0].GetProperty("required").GetBoolean());
    }

    [Theory]
    [InlineData("brief-2026-11-23", 0, "brief-2026-11-23")]
    [InlineData(null, 0, null)]
    public void PartNonce_keeps_a_short_nonce_for_the_first_part(string? nonce, int part, string? expected)
    {
        Assert.Equal(expected, DiscordChannelSender.PartNonce(nonce, part));
    }

    [Fact]
    public void PartNonce_gives_later_parts_and_long_nonces_distinct_stable_nonces_within_25_characters()
    {
        var nonces = new[]
        {
            DiscordChannelSender.PartNonce("brief-1", 1)!,
            DiscordChannelSender.PartNonce("brief-1", 2)!,
            DiscordChannelSender.PartNonce(new string('n', 40), 0)!,
        };

        Assert.All(nonces, n => Assert.InRange(n.Length, 1, 25));
        Assert.Equal(3, nonces.Distinct().Count());
        Assert.Equal(nonces[0], DiscordChannelSender.PartNonce("brief-1", 1));
    }

    [GeneratedRegex(@"^[-_'\p{L}\p{N}]{1,32}$")]
    private static partial Regex NameRule();

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
