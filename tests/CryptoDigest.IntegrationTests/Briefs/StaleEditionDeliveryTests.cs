using CryptoDigest.Briefs;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using static CryptoDigest.IntegrationTests.Briefs.DeliveryTestKit;

namespace CryptoDigest.IntegrationTests.Briefs;

/// <summary>
/// Briefs:MaxEditionAgeHours (docs/model-limits.md, "No stale edition is delivered"): when compose-brief did
/// not run, a delivery composes a fresh edition rather than send an old one, and when it cannot, it sends
/// nothing and is retried.
/// </summary>
[Collection(PostgresCollection.Name)]
public class StaleEditionDeliveryTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_delivery_whose_latest_edition_is_older_than_the_limit_composes_and_sends_a_fresh_one()
    {
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), Settings(("Briefs:MaxEditionAgeHours", "30")));
        var old = await app.Get<BriefComposer>().ComposeAsync(CancellationToken.None);
        app.Time.Advance(TimeSpan.FromHours(31));
        await SubscribeAsync(app, Chats(3), new TimeOnly(8, 0), "Etc/UTC");
        await app.Get<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None);
        var channel = new RecordingBriefChannel(app.Time);

        await Deliverer(app, channel, "one").DeliverDueAsync(CancellationToken.None);

        var editions = await app.WithDbAsync(db => db.Editions.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(2, editions.Count);
        Assert.Equal(app.Time.GetUtcNow(), editions[1].WindowEnd);
        Assert.Equal(3, channel.Sent.Count);
        Assert.All(await DeliveriesAsync(app), d =>
        {
            Assert.Equal(DeliveryStatus.Sent, d.Status);
            Assert.Equal(editions[1].Id, d.EditionId);
            Assert.NotEqual(old.Id, d.EditionId);
        });
    }

    [Fact]
    public async Task A_delivery_that_can_neither_find_nor_compose_a_fresh_edition_sends_nothing_says_why_and_is_retried()
    {
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), Settings(("Briefs:MaxEditionAgeHours", "30"), ("Delivery:RetryDelaySeconds", "60")));
        var old = await app.Get<BriefComposer>().ComposeAsync(CancellationToken.None);
        app.Time.Advance(TimeSpan.FromHours(31));
        await SubscribeAsync(app, Chats(3), new TimeOnly(8, 0), "Etc/UTC");
        await app.Get<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None);
        var channel = new RecordingBriefChannel(app.Time);
        var deliverer = Deliverer(app, channel, "one");
        // Composing fails for a reason nobody foresaw: the articles table is gone for a while.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Articles" RENAME TO "ArticlesAway" """));

        await deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.Empty(channel.Attempts);
        Assert.All(await DeliveriesAsync(app), waiting =>
        {
            Assert.Equal(DeliveryStatus.Pending, waiting.Status);
            Assert.Null(waiting.EditionId);
            Assert.StartsWith("no edition younger than 30 hours, and composing a fresh one failed (PostgresException)", waiting.LastError, StringComparison.Ordinal);
        });
        Assert.Single(await app.WithDbAsync(db => db.Editions.ToListAsync()));

        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""ALTER TABLE "ArticlesAway" RENAME TO "Articles" """));
        app.Time.Advance(TimeSpan.FromSeconds(61));
        await deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.All(await DeliveriesAsync(app), sent =>
        {
            Assert.Equal(DeliveryStatus.Sent, sent.Status);
            Assert.NotEqual(old.Id, sent.EditionId);
        });
        Assert.Equal(3, channel.Sent.Count);
    }
}
