using CryptoDigest.Briefs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace CryptoDigest.Telegram;

public static class TelegramServiceCollectionExtensions
{
    private const string HttpClientName = "Telegram";

    /// <summary>
    /// Adds the Telegram adapter when Telegram:BotToken is set: the Bot API client, the paced sender,
    /// update processing, and either long polling or (with Telegram:WebhookUrl) webhook registration;
    /// map the endpoint with <see cref="TelegramWebhookEndpoint.MapTelegramWebhook"/>. Needs the chat
    /// router and the subscription store (AddCryptoDigest).
    /// </summary>
    public static IServiceCollection AddTelegram(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelegramOptions>()
            .BindConfiguration(TelegramOptions.SectionName)
            .ValidateSettings();

        var settings = configuration.GetSection(TelegramOptions.SectionName).Get<TelegramOptions>() ?? new TelegramOptions();
        if (!settings.IsEnabled)
        {
            return services;
        }

        AddBotApiClient(services);
        services.AddSingleton<TelegramSender>();
        services.AddSingleton<IBriefChannel, TelegramBriefChannel>();
        services.AddSingleton<TelegramBotIdentity>();
        services.AddSingleton<ChatAdminCache>();
        services.AddSingleton<TelegramUpdateQueue>();
        services.AddSingleton<TelegramPollingLease>();
        services.AddTransient<TelegramUpdateHandler>();
        services.AddTransient<TelegramCallbackHandler>();
        services.AddTransient<TelegramFeedbackHandler>();

        services.AddHostedService<TelegramStartupService>();
        services.AddHostedService<TelegramUpdateWorker>();
        if (!settings.UsesWebhook)
        {
            services.AddHostedService<TelegramPollingService>();
        }

        if (settings.UsesWebhook)
        {
            services.AddHostedService<TelegramWebhookRecovery>();
        }

        return services;
    }

    /// <summary>The Bot API client: one long-lived HTTP client that logs nothing (its URLs carry the token) and leaves 429s to the sender.</summary>
    private static void AddBotApiClient(IServiceCollection services)
    {
        // Request URLs carry the token (/bot<token>/method), so this client logs nothing of its own.
        services.AddHttpClient(HttpClientName)
            .RemoveAllLoggers()
            .ConfigureHttpClient((sp, client) =>
                client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<TelegramOptions>>().Value.PollingTimeoutSeconds + 30))
            .UseSocketsHttpHandler((handler, sp) =>
            {
                // One long-lived client (a singleton below) that still notices DNS changes.
                handler.PooledConnectionLifetime = TimeSpan.FromMinutes(2);
                // Bot API calls are HTTP/1.1, one request per connection at a time. Unlimited (the default),
                // a broadcast's first second, when the bot-wide window is empty, opens a connection (and a TLS
                // handshake, CPU the two-core host needs for sending) per send in flight; capped, sends queue for
                // a kept-alive connection instead. The cap is sized for the rate (docs/telegram.md, Connections).
                handler.MaxConnectionsPerServer = MaxConnectionsFor(sp.GetRequiredService<IOptions<TelegramOptions>>().Value);
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        services.AddSingleton<ITelegramBotClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            var baseUrl = string.IsNullOrWhiteSpace(options.ApiBaseUrl) ? null : options.ApiBaseUrl;
            // RetryThreshold 0: Telegram.Bot would otherwise sleep through 429s itself, blocking the caller
            // for up to a minute per message; the sender does the waiting, per chat.
            return new TelegramBotClient(
                new TelegramBotClientOptions(options.BotToken!, baseUrl) { RetryThreshold = 0 },
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName));
        });
    }

    /// <summary>
    /// Connections to the Bot API: enough for GlobalMessagesPerSecond sends with a 250 ms round trip each
    /// (a slow route to Telegram), plus one per concurrent update (replies, typing) and one for getUpdates.
    /// </summary>
    internal static int MaxConnectionsFor(TelegramOptions options) =>
        (int)Math.Ceiling(options.GlobalMessagesPerSecond * SlowRoundTrip.TotalSeconds) + options.MaxConcurrentUpdates + 1;

    private static readonly TimeSpan SlowRoundTrip = TimeSpan.FromMilliseconds(250);
}
