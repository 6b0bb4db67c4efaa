using CryptoDigest.Chat;
using CryptoDigest.Knowledge;
using CryptoDigest.Orchestration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Tests;

/// <summary>The real chat pipeline (router, kernel, plugins, knowledge) without a host or database.</summary>
internal static class TestServices
{
    private static readonly Lazy<ServiceProvider> Provider = new(() =>
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddKnowledge();
        services.AddOrchestration();
        services.AddChat();
        return services.BuildServiceProvider(validateScopes: true);
    });

    public static ChatRouter Router => Provider.Value.GetRequiredService<ChatRouter>();

    public static KnowledgeBase Knowledge => Provider.Value.GetRequiredService<KnowledgeBase>();

    public static Task<ChatReply> AskAsync(string text, bool isAdmin = true) =>
        Router.HandleAsync(ChatRequest.FromText(ChatPlatform.Console, "chat-1", "user-1", isAdmin, ChatCommandParser.Parse(text, "CryptoDigestBot")), CancellationToken.None);
}
