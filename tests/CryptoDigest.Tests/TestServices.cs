using CryptoDigest.Chat;
using CryptoDigest.Host;
using CryptoDigest.Knowledge;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Tests;

/// <summary>
/// The real chat pipeline (router, kernel, plugins, knowledge) as the Host composes it (AddCryptoDigest),
/// without a host, on a throwaway SQLite file for /sources, with two configured newsletter sources (one
/// without a public feed) and two source editors, telegram:4242 and discord:987654321012345678.
/// </summary>
internal static class TestServices
{
    private static readonly Lazy<ServiceProvider> Provider = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("cryptodigest-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(folder, "test.db"),
            ["Feeds:Sources:0:Name"] = "Lyn Alden",
            ["Feeds:Sources:0:FeedUrl"] = "https://www.lynalden.test/feed/",
            ["Feeds:Sources:0:Description"] = "Macro",
            ["Feeds:Sources:1:Name"] = "Delphi Digital",
            ["Feeds:Sources:1:SiteUrl"] = "https://members.delphidigital.test/",
            ["Feeds:Sources:1:Description"] = "Thematic research",
            ["Feeds:SourceEditors:0"] = "telegram:4242",
            ["Feeds:SourceEditors:1"] = "Discord:987654321012345678",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddCryptoDigest(configuration);
        var provider = services.BuildServiceProvider(validateScopes: true);
        provider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        return provider;
    });

    public static ChatRouter Router => Provider.Value.GetRequiredService<ChatRouter>();

    public static KnowledgeBase Knowledge => Provider.Value.GetRequiredService<KnowledgeBase>();

    public static Microsoft.SemanticKernel.KernelPluginCollection Plugins => Provider.Value.GetRequiredService<Microsoft.SemanticKernel.KernelPluginCollection>();

    public static Task<ChatReply> AskAsync(string text, bool isAdmin = true) =>
        AskAsync(ChatRequest.FromText(ChatPlatform.Console, "chat-1", "user-1", isAdmin, ChatCommandParser.Parse(text, "CryptoDigestBot")));

    public static Task<ChatReply> AskAsync(ChatRequest request) => Router.HandleAsync(request, CancellationToken.None);
}
