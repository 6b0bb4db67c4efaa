using System.ComponentModel.DataAnnotations;
using CryptoDigest.Ai;
using CryptoDigest.Briefs;
using CryptoDigest.Discord;
using CryptoDigest.Feeds;
using CryptoDigest.Feeds.Email;
using CryptoDigest.Host;
using CryptoDigest.Host.Jobs;
using CryptoDigest.Indices;
using CryptoDigest.Operations;
using CryptoDigest.Replies;
using CryptoDigest.Security.LinkCheck;
using CryptoDigest.Storage;
using CryptoDigest.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Tests.Configuration;

/// <summary>Keeps appsettings.example.json honest: it binds and validates into every settings class.</summary>
public class ExampleSettingsTests
{
    [Fact]
    public void The_example_settings_bind_and_validate_in_every_options_class()
    {
        using var provider = Build(new ConfigurationBuilder().AddJsonFile(RepositoryFiles.Find("appsettings.example.json")).Build());

        Assert.Equal("08:00", provider.GetRequiredService<IOptions<BriefsOptions>>().Value.DefaultDeliveryTime);
        Assert.False(provider.GetRequiredService<IOptions<AiOptions>>().Value.IsConfigured);
        Assert.False(provider.GetRequiredService<IOptions<StorageOptions>>().Value.UsesPostgres);
        Assert.False(provider.GetRequiredService<IOptions<TelegramOptions>>().Value.IsEnabled);
        var feeds = provider.GetRequiredService<IOptions<FeedsOptions>>().Value;
        Assert.Equal(30, feeds.IntervalMinutes);
        Assert.False(feeds.AllowLoopback);
        Assert.True(feeds.ListsSourceEditor("Telegram", "123456"));
        Assert.True(feeds.ListsSourceEditor("discord", "987654321012345678"));
        Assert.False(feeds.ListsSourceEditor("Discord", "123456"));
        Assert.Equal("Lyn Alden", Assert.Single(feeds.Sources).Name);
        var linkCheck = provider.GetRequiredService<IOptions<LinkCheckOptions>>().Value;
        Assert.False(linkCheck.DeleteFlaggedMessages);
        Assert.Equal("Example Vault", Assert.Single(linkCheck.ProtectedBrands).Name);
        var market = provider.GetRequiredService<IOptions<MarketOptions>>().Value;
        Assert.False(market.IsLive);
        Assert.True(market.Exclusions.Excludes("tether"));
        var operators = provider.GetRequiredService<IOptions<OperatorsOptions>>().Value;
        Assert.True(operators.Lists(ChatPlatform.Telegram, "123456"));
        Assert.False(operators.Lists(ChatPlatform.Discord, "123456"));
        Assert.Null(operators.AlertTarget);
    }

    [Fact]
    public void The_hosts_default_sources_are_the_ten_newsletters_and_validate()
    {
        var settings = new ConfigurationBuilder().AddJsonFile(RepositoryFiles.Find("src/CryptoDigest.Host/appsettings.json")).Build();
        using var provider = Build(settings);

        var sources = provider.GetRequiredService<IOptions<FeedsOptions>>().Value.Sources;

        Assert.Equal(10, sources.Count);
        Assert.All(sources, s => Assert.False(string.IsNullOrWhiteSpace(s.Description)));
        Assert.Equal(["Delphi Digital", "Kaiko Research"], sources.Where(s => string.IsNullOrEmpty(s.FeedUrl)).Select(s => s.Name));
    }

    [Fact]
    public void Every_settings_key_the_code_reads_is_in_the_example()
    {
        var example = Example();
        var classes = SettingsClasses();

        Assert.Contains(typeof(DiscordOptions), classes);
        Assert.Contains(typeof(JobsOptions), classes);
        foreach (var type in classes)
        {
            AssertEveryPropertyIsIn(example.GetSection(SectionNameOf(type)), type);
        }

        Assert.NotNull(example.GetSection("ConnectionStrings:Postgres").Value);
    }

    [Fact]
    public void Every_key_of_the_example_binds_to_a_settings_property()
    {
        var example = Example();
        var classes = SettingsClasses().ToDictionary(SectionNameOf, StringComparer.OrdinalIgnoreCase);

        foreach (var section in example.GetChildren().Where(s => s.Key is not ("ConnectionStrings" or "Logging")))
        {
            Assert.True(classes.TryGetValue(section.Key, out var type), $"{section.Key} in appsettings.example.json is no settings class's section");
            var error = Record.Exception(() => section.Get(type, binder => binder.ErrorOnUnknownConfiguration = true));
            Assert.True(error is null, error?.Message);
        }

        Assert.Equal([StorageOptions.PostgresConnectionStringName], example.GetSection("ConnectionStrings").GetChildren().Select(c => c.Key));
    }

    [Theory]
    [InlineData("Briefs:DefaultTimeZone", "Mars/Olympus", "Briefs:DefaultTimeZone 'Mars/Olympus' is not a known IANA time zone")]
    [InlineData("Briefs:DefaultDeliveryTime", "25:00", "Briefs:DefaultDeliveryTime must be a time as HH:MM")]
    [InlineData("ConnectionStrings:Postgres", "Host=;;Port=abc", "ConnectionStrings:Postgres is not a valid PostgreSQL connection string")]
    [InlineData("AI:Endpoint", "http://localhost:11434/v1", "AI:Model is required when AI:Endpoint is set")]
    [InlineData("AI:TimeoutSeconds", "0", "AI:TimeoutSeconds must be between 1 and 600")]
    [InlineData("Feeds:IntervalMinutes", "0", "Feeds:IntervalMinutes must be between 1 and 1440")]
    [InlineData("Feeds:MaxFeedBytes", "10", "Feeds:MaxFeedBytes must be between 1024 and 104857600")]
    [InlineData("Feeds:UserAgent", "", "Feeds:UserAgent must not be empty")]
    [InlineData("Feeds:Sources:0:FeedUrl", "ftp://example.com/feed", "Feeds:Sources:0:FeedUrl 'ftp://example.com/feed' must be an absolute http or https URL")]
    [InlineData("Feeds:Sources:0:Name", "", "Feeds:Sources:0:Name must not be empty")]
    [InlineData("Feeds:Sources:0:EmailFrom", "news@", "Feeds:Sources:0:EmailFrom 'news@' must be an address")]
    [InlineData("Feeds:SourceEditors:1", "alice", "Feeds:SourceEditors:1 'alice' must be a platform and a user id")]
    [InlineData("Feeds:SourceEditors:0", "slack:123", "Feeds:SourceEditors:0 'slack:123' must be a platform and a user id")]
    [InlineData("Feeds:SourceEditors:0", "telegram:@alice", "Feeds:SourceEditors:0 'telegram:@alice' must be a platform and a user id")]
    [InlineData("Feeds:SourceEditors:0", "telegram:1087968824", "Feeds:SourceEditors:0 'telegram:1087968824' is the id Telegram gives anonymous senders")]
    [InlineData("Operators:Telegram:0", "@alice", "Operators:Telegram:0 '@alice' must be a numeric user id")]
    [InlineData("Operators:Discord:0", "discord:987654321012345678", "Operators:Discord:0 'discord:987654321012345678' must be a numeric user id")]
    [InlineData("Operators:Telegram:0", "1087968824", "Operators:Telegram:0 '1087968824' is the id Telegram gives anonymous senders")]
    [InlineData("Operators:AlertChat", "-1001234567890", "Operators:AlertChat '-1001234567890' must be telegram:<chat id> or discord:<channel id>")]
    [InlineData("Operators:AlertChat", "discord:-5", "Operators:AlertChat 'discord:-5' must be telegram:<chat id> or discord:<channel id>")]
    [InlineData("Operators:SourceFailureAlertThreshold", "0", "Operators:SourceFailureAlertThreshold must be between 1 and 1000")]
    [InlineData("Feeds:MaxUserSources", "-1", "Feeds:MaxUserSources must be between 0 and 1000")]
    [InlineData("Feeds:AllowChatAdminsToEditSources", "true", "Feeds:AllowChatAdminsToEditSources is no longer supported")]
    [InlineData("Email:Host", "imap.example.com", "Email:Username is required when Email:Host is set")]
    [InlineData("Email:Host", "imap.example.com", "Email:Password or Email:AccessToken (one of the two) is required")]
    [InlineData("Email:UseTls", "false", "Email:UseTls is false, but a plaintext connection is allowed only with Email:AllowInsecureLoopback=true and a loopback Email:Host", "Email:Host", "imap.example.com")]
    [InlineData("Email:AllowInsecureLoopback", "true", "Email:UseTls is false, but a plaintext connection is allowed only", "Email:Host", "imap.example.com", "Email:UseTls", "false")]
    [InlineData("Email:Port", "0", "Email:Port must be between 1 and 65535")]
    [InlineData("Email:MaxMessageBytes", "5", "Email:MaxMessageBytes must be between 10240 and 104857600")]
    [InlineData("Email:TrustedCertificateThumbprint", "abc", "Email:TrustedCertificateThumbprint must be a SHA-256 (64 hex) or SHA-1 (40 hex) thumbprint", "Email:Host", "127.0.0.1")]
    [InlineData("LinkCheck:ListUrl", "ftp://lists.example.com/config.json", "LinkCheck:ListUrl must be an absolute http or https URL")]
    [InlineData("LinkCheck:MaxLinksPerMessage", "0", "LinkCheck:MaxLinksPerMessage must be between 1 and 50")]
    [InlineData("LinkCheck:ProtectedBrands:0:Domains:0", "https://examplevault.example.com/", "LinkCheck:ProtectedBrands:0 needs a Name")]
    [InlineData("Market:ApiBaseUrl", "api.coingecko.example.com", "Market:ApiBaseUrl 'api.coingecko.example.com' must be an absolute http or https URL")]
    [InlineData("Market:ApiKey", "CG-demo", "Market:ApiKey is set but Market:ApiBaseUrl is empty")]
    [InlineData("Market:ApiBaseUrl", "https://pro-api.coingecko.example.com/api/v3/", "Market:ApiKey is required with CoinGecko's pro API base")]
    [InlineData("Market:RequestsPerMinute", "0", "Market:RequestsPerMinute must be between 1 and 1000")]
    public void A_bad_setting_fails_validation_with_a_message_naming_its_key(string key, string value, string expected, params string[] moreSettings)
    {
        var more = moreSettings.Chunk(2).Select(pair => new KeyValuePair<string, string?>(pair[0], pair[1]));
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(RepositoryFiles.Find("appsettings.example.json"))
            .AddInMemoryCollection([new KeyValuePair<string, string?>(key, value), .. more])
            .Build();
        using var provider = Build(configuration);

        var error = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = provider.GetRequiredService<IOptions<BriefsOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<AiOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<FeedsOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<EmailOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<LinkCheckOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<MarketOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<OperatorsOptions>>().Value;
        });
        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_daylight_saving_zones_members_use_are_known()
    {
        var options = new BriefsOptions { DefaultTimeZone = "America/New_York" };

        Assert.Empty(options.Validate(new ValidationContext(options)));
    }

    private static IConfiguration Example() =>
        new ConfigurationBuilder().AddJsonFile(RepositoryFiles.Find("appsettings.example.json")).Build();

    private static ServiceProvider Build(IConfiguration configuration)
    {
        var services = Compose(configuration);
        services.AddSingleton(configuration);
        services.AddLogging();
        return services.BuildServiceProvider();
    }

    /// <summary>What serve composes, as the Host does: the application, the jobs and both adapters.</summary>
    private static ServiceCollection Compose(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddCryptoDigest(configuration).AddServing(configuration, http: true);
        return services;
    }

    /// <summary>Every settings class the composition binds to a configuration section.</summary>
    private static List<Type> SettingsClasses() =>
        Compose(new ConfigurationBuilder().Build())
            .Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IOptionsChangeTokenSource<>))
            .Select(t => t.GenericTypeArguments[0])
            .Where(t => t.Namespace?.StartsWith("CryptoDigest", StringComparison.Ordinal) == true)
            .Distinct()
            .ToList();

    private static string SectionNameOf(Type settings) =>
        settings.GetField("SectionName")?.GetRawConstantValue() as string
        ?? throw new InvalidOperationException($"{settings.Name} has no SectionName constant");

    /// <summary>Each settable property is a key of the section; a nested class, or a list of them, is checked inside its (first) entry.</summary>
    private static void AssertEveryPropertyIsIn(IConfigurationSection section, Type settings)
    {
        var keys = section.GetChildren().Select(c => c.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var property in settings.GetProperties().Where(p => p.SetMethod is { IsPublic: true }))
        {
            // Bound from ConnectionStrings:Postgres, not from the Storage section.
            if (property is { DeclaringType.Name: nameof(StorageOptions), Name: nameof(StorageOptions.PostgresConnectionString) })
            {
                continue;
            }

            Assert.True(keys.Contains(property.Name), $"{section.Path}:{property.Name} is missing from appsettings.example.json");
            if (IsSettingsClass(property.PropertyType))
            {
                AssertEveryPropertyIsIn(section.GetSection(property.Name), property.PropertyType);
            }
            else if (property.PropertyType.IsGenericType && property.PropertyType.GenericTypeArguments is [var element] && IsSettingsClass(element))
            {
                AssertEveryPropertyIsIn(section.GetSection($"{property.Name}:0"), element);
            }
        }
    }

    private static bool IsSettingsClass(Type type) =>
        type.IsClass && type != typeof(string) && !type.IsGenericType && !type.IsArray;
}
