using CryptoDigest.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Briefs;

public static class BriefsServiceCollectionExtensions
{
    /// <summary>Registers the daily brief settings; composing and delivery join here as they are built.</summary>
    public static IServiceCollection AddBriefs(this IServiceCollection services)
    {
        services.AddOptions<BriefsOptions>()
            .BindConfiguration(BriefsOptions.SectionName)
            .ValidateSettings();
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<BriefLanguageLookup>();
        services.AddSingleton<ChatChanges>();
        services.AddSingleton<BriefComposer>();
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName).ValidateSettings();
        services.AddSingleton<BriefDispatcher>();
        services.AddSingleton<BriefDeliverer>();
        services.AddSingleton<WeeklyBriefComposer>();
        services.AddSingleton<BriefMarketLine>();
        services.AddSingleton<ChatBriefReplies>();
        services.AddSingleton<BriefTranslator>();
        services.AddSingleton<IBotGauge, OutboxPendingGauge>();
        return services;
    }
}
