using CryptoDigest.Briefs;
using CryptoDigest.Chat;
using CryptoDigest.Knowledge;
using CryptoDigest.Orchestration;
using CryptoDigest.Storage;
using CryptoDigest.Summaries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Tests;

/// <summary>The real chat pipeline (router, kernel, plugins, knowledge) without a host or database.</summary>
internal static class TestServices
{
    private static readonly Lazy<ServiceProvider> Provider = new(() =>
    {
        var services = new ServiceCollection();
        // No database is touched by the commands these tests send; storage is registered because the router's
        // brief and digest commands need it (they are tested against PostgreSQL in the integration tests).
        var configuration = new ConfigurationBuilder().Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddStorage(configuration);
        services.AddKnowledge();
        services.AddOrchestration();
        services.AddSummaries();
        services.AddBriefs();
        services.AddChat();
        return services.BuildServiceProvider(validateScopes: true);
    });

    public static ChatRouter Router => Provider.Value.GetRequiredService<ChatRouter>();

    public static KnowledgeBase Knowledge => Provider.Value.GetRequiredService<KnowledgeBase>();

    public static Task<ChatReply> AskAsync(string text, bool isAdmin = true) =>
        Router.HandleAsync(ChatRequest.FromText(ChatPlatform.Console, "chat-1", "user-1", isAdmin, ChatCommandParser.Parse(text, "CryptoDigestBot")), CancellationToken.None);
}
