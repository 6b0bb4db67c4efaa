using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Chat;

public static class ChatServiceCollectionExtensions
{
    /// <summary>Registers the platform-neutral router every adapter (console, Telegram, Discord) sends requests to.</summary>
    public static IServiceCollection AddChat(this IServiceCollection services)
    {
        services.AddTransient<ChatRouter>();
        services.AddSingleton<SourceEditCommand>();
        services.AddTransient<ConsoleChat>();
        services.AddSingleton<UpdateLedger>();
        services.AddSingleton<Briefs.IBriefChannel>(_ => new ConsoleBriefChannel(Console.Out));
        return services;
    }
}
