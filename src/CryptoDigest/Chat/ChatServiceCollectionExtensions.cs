using CryptoDigest.Chat.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Chat;

public static class ChatServiceCollectionExtensions
{
    /// <summary>
    /// Registers the platform-neutral router every adapter (console, Telegram, Discord) sends requests to,
    /// with one handler per command of <see cref="ChatCommands.All"/>, by hand.
    /// </summary>
    public static IServiceCollection AddChat(this IServiceCollection services)
    {
        services.AddTransient<ChatRouter>();
        services.AddTransient<IChatCommandHandler, StartCommand>();
        services.AddTransient<IChatCommandHandler, HelpCommand>();
        services.AddTransient<IChatCommandHandler, BriefCommand>();
        services.AddTransient<IChatCommandHandler, DigestCommand>();
        services.AddTransient<IChatCommandHandler, IndexCommand>();
        services.AddTransient<IChatCommandHandler, SecurityCommand>();
        services.AddTransient<IChatCommandHandler, AskCommand>();
        services.AddTransient<IChatCommandHandler, SearchCommand>();
        services.AddTransient<IChatCommandHandler, SubscribeCommand>();
        services.AddTransient<IChatCommandHandler, UnsubscribeCommand>();
        services.AddTransient<IChatCommandHandler, SettingsCommand>();
        services.AddTransient<IChatCommandHandler, SourcesCommand>();
        services.AddTransient<IChatCommandHandler, StatusCommand>();
        services.AddTransient<ConsoleChat>();
        services.AddSingleton<SlowAnswerFallback>();
        services.AddSingleton<UpdateLedger>();
        services.AddSingleton<Briefs.IBriefChannel>(_ => new ConsoleBriefChannel(Console.Out));
        return services;
    }
}
