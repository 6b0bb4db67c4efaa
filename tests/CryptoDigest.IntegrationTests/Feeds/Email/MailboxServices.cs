using CryptoDigest.Feeds;
using CryptoDigest.Feeds.Email;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Storage;
using MailKit;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Feeds.Email;

/// <summary>The application composed for mailbox tests: The Ledger (Substack) and Dairy Desk (beehiiv) read by e-mail from a Dovecot server, on a PostgreSQL database.</summary>
internal static class MailboxServices
{
    public static readonly (string Key, string Value)[] Sources =
    [
        ("Feeds:Sources:0:Name", "The Ledger"),
        ("Feeds:Sources:0:SiteUrl", "https://ledger.substack.com/"),
        ("Feeds:Sources:0:EmailListId", NewsletterMessages.SubstackListId),
        ("Feeds:Sources:0:EmailFrom", NewsletterMessages.SubstackSender),
        ("Feeds:Sources:1:Name", "Dairy Desk"),
        ("Feeds:Sources:1:SiteUrl", "https://dairy.beehiiv.com/"),
        ("Feeds:Sources:1:EmailFrom", NewsletterMessages.BeehiivSender),
        ("Feeds:UseSamplesWhenOffline", "false"),
    ];

    /// <summary>Services on <paramref name="database"/> (migrated); the configured sources are stored unless <paramref name="syncSources"/> is false, as on a fresh start before any ingest run.</summary>
    public static async Task<ServiceProvider> BuildAsync(string database, DovecotServer dovecot, bool syncSources = true, params (string Key, string Value)[] extra)
    {
        var services = FeedTestServices.Build(database, [.. Sources, .. dovecot.Settings(), .. extra]);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        if (syncSources)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<FeedSources>().SyncConfiguredAsync(CancellationToken.None);
        }

        return services;
    }

    public static DigestDbContext Db(this IServiceProvider services) =>
        services.CreateScope().ServiceProvider.GetRequiredService<DigestDbContext>();

    /// <summary>The keywords of each message in the inbox, by UID, read over IMAP as the bot's account.</summary>
    public static async Task<IReadOnlyDictionary<uint, IReadOnlySet<string>>> KeywordsAsync(this IServiceProvider services)
    {
        using var client = await services.GetRequiredService<MailboxIntake>().ConnectAsync(CancellationToken.None);
        var inbox = client.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadOnly);
        var summaries = await inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags);
        await client.DisconnectAsync(quit: true);
        return summaries.ToDictionary(s => s.UniqueId.Id, s => (IReadOnlySet<string>)s.Keywords.ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

    public static (int New, int Unchanged, int Failed) Counts(this IReadOnlyList<SourceReport> reports, string source)
    {
        var report = Assert.Single(reports, r => r.Source == source && r.Channel == SourceChannel.Email);
        return (report.New, report.Unchanged, report.Failed);
    }

    public static SourceReport Mailbox(this IReadOnlyList<SourceReport> reports) => Assert.Single(reports, r => r.Channel == SourceChannel.Mailbox);
}
