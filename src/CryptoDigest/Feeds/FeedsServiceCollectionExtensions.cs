using CryptoDigest.Feeds.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Feeds;

public static class FeedsServiceCollectionExtensions
{
    /// <summary>
    /// Registers newsletter ingestion: <see cref="FeedsOptions"/> (section "Feeds", validated at
    /// start), the guarded <see cref="FeedFetcher"/> typed client on one shared SocketsHttpHandler
    /// whose connections all pass the <see cref="AddressGuard"/>, <see cref="FeedSources"/> and
    /// <see cref="FeedIngestor"/>, <see cref="SourceListing"/> for /sources, and the newsletter mailbox (<see cref="EmailOptions"/>, section
    /// "Email", and <see cref="MailboxIntake"/>, read by the ingestor). Needs storage (AddStorage) for the sources and articles.
    /// </summary>
    public static IServiceCollection AddFeeds(this IServiceCollection services)
    {
        services.AddOptions<FeedsOptions>()
            .BindConfiguration(FeedsOptions.SectionName)
            // The old chat-admin switch is no property any more; left on, it would silently mean nothing.
            .Validate<IConfiguration>((_, configuration) => !configuration.GetValue<bool>(FeedsOptions.RetiredAdminSettingKey), FeedsOptions.RetiredAdminSetting)
            .ValidateSettings();

        services.AddSingleton(sp => new AddressGuard(sp.GetRequiredService<IOptions<FeedsOptions>>().Value.AllowLoopback));
        services.AddHttpClient<FeedFetcher>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => FeedFetcher.CreateHandler(sp.GetRequiredService<AddressGuard>()))
            // Our own log lines say what was fetched and why it failed; the factory's add a line per request.
            .RemoveAllLoggers();
        services.AddScoped<FeedSources>();
        services.AddSingleton<SourceListing>();
        services.AddOptions<EmailOptions>()
            .BindConfiguration(EmailOptions.SectionName)
            .ValidateSettings();
        services.AddSingleton<MailboxIntake>();
        // Registered here, run as a hosted service only by the serving Host (AddJobs).
        services.AddSingleton<MailboxIdleListener>();
        services.AddSingleton<FeedIngestor>();
        return services;
    }
}
