using CryptoDigest.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace CryptoDigest.Tests.Telemetry;

/// <summary>A gauge that costs a query is read at most once per 15 s, however often it is scraped.</summary>
public class CachedReadingTests
{
    [Fact]
    public async Task Scrapes_within_15_seconds_reuse_the_value_and_a_later_one_reads_again()
    {
        // Arrange
        var time = new FakeTimeProvider();
        var reads = 0;
        var secondRead = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = new CachedReading<long>(_ => Interlocked.Increment(ref reads) == 1 ? Task.FromResult(1L) : secondRead.Task, time);

        // Act: the first scrapes start the read and get its value (the first waits for it only briefly, by design, so on a
        // busy machine it may return before the value: awaited here, not timed); a hundred more within the interval ask nothing.
        await WaitUntilAsync(() => reading.Read() == 1);
        for (var i = 0; i < 100; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            Assert.Equal(1, reading.Read());
        }

        time.Advance(CachedReading<long>.MaxAge);
        var stale = reading.Read();
        var whileRefreshing = reading.Read();
        secondRead.SetResult(2);
        await WaitUntilAsync(() => reading.Read() == 2);

        // Assert: the stale scrape got the old value at once; the refresh happened once, in the background.
        Assert.Equal(1, stale);
        Assert.Equal(1, whileRefreshing);
        Assert.Equal(2, reads);
    }

    [Fact]
    public void A_failing_read_gives_no_value_rather_than_a_made_up_zero()
    {
        var reading = new CachedReading<long>(_ => throw new InvalidOperationException("the database is away"), new FakeTimeProvider());

        Assert.Null(reading.Read());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
