using System.ComponentModel.DataAnnotations;
using CryptoDigest.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Tests.Telegram;

public class TelegramOptionsTests
{
    [Fact]
    public void Without_a_token_nothing_is_required_or_validated()
    {
        var options = new TelegramOptions { WebhookUrl = "not a url", GlobalMessagesPerSecond = 0 };

        Assert.Empty(options.Validate(new ValidationContext(options)));
    }

    [Theory]
    [InlineData("Telegram:BotToken", "no-colon", "Telegram:BotToken must look like")]
    [InlineData("Telegram:WebhookUrl", "http://bot.example.com/hook", "Telegram:WebhookUrl must be an absolute https URL")]
    [InlineData("Telegram:WebhookSecret", "has spaces but is long enough to pass", "Telegram:WebhookSecret must be 32-256 characters")]
    [InlineData("Telegram:WebhookSecret", "short_secret-31-characters-long", "Telegram:WebhookSecret must be 32-256 characters")]
    [InlineData("Telegram:ApiBaseUrl", "localhost:8081", "Telegram:ApiBaseUrl must be an absolute http(s) URL")]
    [InlineData("Telegram:GlobalMessagesPerSecond", "0", "Telegram:GlobalMessagesPerSecond must be between 1 and 1000")]
    [InlineData("Telegram:PollingTimeoutSeconds", "100", "Telegram:PollingTimeoutSeconds must be between 1 and 50")]
    public void A_bad_setting_fails_validation_with_a_message_naming_its_key(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = "123:abc",
            [key] = value,
        }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddTelegram(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TelegramOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_derived_webhook_secret_is_stable_and_uses_only_allowed_characters()
    {
        var a = new TelegramOptions { BotToken = "123:abc" };
        var b = new TelegramOptions { BotToken = "123:abc" };

        Assert.Equal(a.EffectiveWebhookSecret, b.EffectiveWebhookSecret);
        Assert.NotEqual(a.EffectiveWebhookSecret, new TelegramOptions { BotToken = "123:xyz" }.EffectiveWebhookSecret);
        Assert.Matches("^[A-Za-z0-9_-]{1,256}$", a.EffectiveWebhookSecret);
        Assert.DoesNotContain("abc", a.EffectiveWebhookSecret, StringComparison.Ordinal);
        Assert.Equal("given", new TelegramOptions { BotToken = "123:abc", WebhookSecret = "given" }.EffectiveWebhookSecret);
    }

    [Fact]
    public void A_webhook_secret_of_32_characters_is_accepted()
    {
        var options = new TelegramOptions { BotToken = "123:abc", WebhookSecret = new string('s', TelegramOptions.MinWebhookSecretLength) };

        Assert.Empty(options.Validate(new ValidationContext(options)));
    }
}
