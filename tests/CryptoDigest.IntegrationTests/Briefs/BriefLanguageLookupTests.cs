using CryptoDigest.Briefs;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Briefs;

/// <summary>The language every command reads before it answers: an active brief's, per chat and forum topic, on both providers.</summary>
[Collection(PostgresCollection.Name)]
public class BriefLanguageLookupTests(PostgresFixture postgres)
{
    [Theory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public async Task Many_reads_at_once_each_get_their_own_chat_s_active_brief_language(string provider)
    {
        var folder = Directory.CreateTempSubdirectory("cryptodigest-languages-").FullName;
        try
        {
            (string, string?) storage = provider == "postgres"
                ? ("ConnectionStrings:Postgres", await postgres.CreateDatabaseAsync())
                : ("Storage:SqlitePath", Path.Combine(folder, "languages.db"));
            await using var services = await TestComposition.BuildMigratedAsync([storage], TimeProvider.System);
            await AddAsync(services, "Telegram", "-100", string.Empty, "es", active: true);
            await AddAsync(services, "Telegram", "-100", "7", "ru", active: true);
            await AddAsync(services, "Telegram", "-200", string.Empty, "tr", active: false);
            await AddAsync(services, "Discord", "-100", string.Empty, "zh-Hans", active: true);
            var lookup = services.GetRequiredService<BriefLanguageLookup>();

            // Twenty reads at once, so several share one query.
            var asked = new (ChatPlatform Platform, string ChatId, string? ThreadId, string? Expected)[]
            {
                (ChatPlatform.Telegram, "-100", null, "es"),
                (ChatPlatform.Telegram, "-100", "7", "ru"),
                (ChatPlatform.Telegram, "-100", "8", null),
                (ChatPlatform.Telegram, "-200", null, null),
                (ChatPlatform.Discord, "-100", null, "zh-Hans"),
            };
            var reads = Enumerable.Range(0, 4).SelectMany(_ => asked)
                .Select(a => lookup.FindAsync(a.Platform, a.ChatId, a.ThreadId, CancellationToken.None)).ToList();
            var answers = await Task.WhenAll(reads).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(Enumerable.Range(0, 4).SelectMany(_ => asked).Select(a => a.Expected), answers);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task AddAsync(IServiceProvider services, string platform, string chatId, string threadId, string language, bool active)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        db.Subscriptions.Add(new Subscription
        {
            Platform = platform, ChatId = chatId, ThreadId = threadId, Language = language, Active = active,
            DeliveryTime = new TimeOnly(8, 0), TimeZone = "Etc/UTC",
        });
        await db.SaveChangesAsync();
    }
}
