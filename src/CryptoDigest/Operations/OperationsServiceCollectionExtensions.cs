using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Operators settings (validated at start, each message naming its key), the operator's status
    /// read model, the feedback export, a chat's delivery log for /status, and the operator-alerts job with its shared state.
    /// </summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddOptions<OperatorsOptions>().BindConfiguration(OperatorsOptions.SectionName).ValidateSettings();
        services.AddSingleton<OperatorStatusReader>();
        services.AddSingleton<FeedbackExport>();
        services.AddSingleton<ChatDeliveryLog>();
        services.AddSingleton<OperatorAlertStore>();
        services.AddTransient<OperatorAlertJob>();
        return services;
    }
}
