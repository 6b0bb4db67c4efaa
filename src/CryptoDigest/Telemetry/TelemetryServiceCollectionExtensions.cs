using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CryptoDigest.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Registers the bot's meter (<see cref="BotMetrics"/>, through <c>IMeterFactory</c>) and the telemetry settings.
    /// The exporters are the Host's to wire; without one, recording a measurement costs next to nothing.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateSettings();
        services.AddMetrics();
        services.TryAddSingleton<BotMetrics>();
        services.TryAddSingleton<PlatformReadiness>();
        return services;
    }
}
