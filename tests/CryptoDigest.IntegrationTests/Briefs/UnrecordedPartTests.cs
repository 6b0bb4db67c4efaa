using System.Diagnostics.Metrics;
using CryptoDigest.Briefs;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using static CryptoDigest.IntegrationTests.Briefs.DeliveryTestKit;

namespace CryptoDigest.IntegrationTests.Briefs;

/// <summary>
/// A part that reached the chat but whose record failed (docs/hardening.md, "Possible duplicates"): the retry
/// sends it again, so it is counted as a possible duplicate, on the row and in the metric, as a takeover is.
/// </summary>
[Collection(PostgresCollection.Name)]
public class UnrecordedPartTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_sent_part_whose_record_fails_is_counted_as_a_possible_duplicate_and_the_delivery_is_retried()
    {
        // Arrange: the outbox refuses to record progress for a while (the database fails between a send and its record).
        await using var app = await TestApp.StartAsync(await postgres.CreateDatabaseAsync(), Settings(("Delivery:RetryDelaySeconds", "60")));
        using var duplicates = new CauseListener(app.Get<IMeterFactory>(), "cryptodigest.deliveries.possible_duplicates");
        await ComposeEditionAsync(app);
        await SubscribeAsync(app, ["unrecorded"], new TimeOnly(8, 0), "Etc/UTC");
        await app.Get<BriefDispatcher>().DispatchNowAsync(null, CancellationToken.None);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
            CREATE FUNCTION refuse_progress() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
            CREATE TRIGGER refuse_progress BEFORE UPDATE ON "Deliveries" FOR EACH ROW
                WHEN (NEW."SentParts" <> OLD."SentParts") EXECUTE FUNCTION refuse_progress();
            """));
        var channel = new RecordingBriefChannel(app.Time);
        var deliverer = Deliverer(app, channel, "only");

        // Act: the part is sent and not recorded; the database recovers; the retry runs.
        await deliverer.DeliverDueAsync(CancellationToken.None);
        var afterFailure = Assert.Single(await DeliveriesAsync(app));
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""DROP TRIGGER refuse_progress ON "Deliveries" """));
        app.Time.Advance(TimeSpan.FromSeconds(61));
        await deliverer.DeliverDueAsync(CancellationToken.None);

        // Assert
        Assert.Equal(DeliveryStatus.Pending, afterFailure.Status);
        Assert.Equal(0, afterFailure.SentParts);
        Assert.Equal(1, afterFailure.PossibleDuplicates);
        Assert.StartsWith("part 1 was sent but could not be recorded", afterFailure.LastError, StringComparison.Ordinal);
        Assert.Equal(2, channel.Sent.Count);
        var delivery = Assert.Single(await DeliveriesAsync(app));
        Assert.Equal(DeliveryStatus.Sent, delivery.Status);
        Assert.Equal(1, delivery.PossibleDuplicates);
        Assert.Equal(["unrecorded"], duplicates.Causes);
    }

    /// <summary>The "cause" tag of every measurement of one counter of this app's meters.</summary>
    private sealed class CauseListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<string> _causes = [];

        public CauseListener(IMeterFactory factory, string instrumentName)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Name == instrumentName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "cause")
                    {
                        lock (_causes)
                        {
                            _causes.Add((string)tag.Value!);
                        }
                    }
                }
            });
            _listener.Start();
        }

        public IReadOnlyList<string> Causes
        {
            get
            {
                lock (_causes)
                {
                    return [.. _causes];
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
