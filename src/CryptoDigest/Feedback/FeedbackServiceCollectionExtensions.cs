using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Feedback;

public static class FeedbackServiceCollectionExtensions
{
    /// <summary>Registers the Feedback settings (validated at start, naming the key), the member hasher and the vote store.</summary>
    public static IServiceCollection AddFeedback(this IServiceCollection services)
    {
        services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.SectionName).ValidateSettings();
        services.AddSingleton<MemberHasher>();
        services.AddSingleton<FeedbackStore>();
        return services;
    }
}
