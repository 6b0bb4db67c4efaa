using CryptoDigest.Feeds;

namespace CryptoDigest.Tests.Feeds;

public class FeedDatesTests
{
    [Theory]
    [InlineData("Tue, 18 Nov 2025 14:02:11 GMT", "2025-11-18T14:02:11Z")]
    [InlineData("Tue, 18 Nov 2025 14:02:11 +0000", "2025-11-18T14:02:11Z")]
    [InlineData("Tue, 18 Nov 2025 14:02:11 -0500", "2025-11-18T19:02:11Z")]
    [InlineData("Tue, 18 Nov 2025 14:02:11 EST", "2025-11-18T19:02:11Z")]
    [InlineData("Tue, 18 Nov 2025 14:02:11 PDT", "2025-11-18T21:02:11Z")]
    [InlineData("Tue, 18 Nov 2025 14:02 +0100", "2025-11-18T13:02:00Z")]
    [InlineData("18 Nov 2025 14:02:11 UT", "2025-11-18T14:02:11Z")]
    [InlineData("Mon, 18 Nov 2025 14:02:11 GMT", "2025-11-18T14:02:11Z")] // wrong weekday
    [InlineData("Tue, 18 Nov 25 14:02:11 GMT", "2025-11-18T14:02:11Z")] // two-digit year
    [InlineData("Tuesday, 18 November 2025 14:02:11 +00:00", "2025-11-18T14:02:11Z")]
    [InlineData("Tue, 18 Nov 2025 14:02:11", "2025-11-18T14:02:11Z")] // no zone: UTC
    [InlineData("Tue, 8 Nov 2025 4:02:11 +0530", "2025-11-07T22:32:11Z")]
    [InlineData("18 Nov 2025", "2025-11-18T00:00:00Z")]
    [InlineData("Tue, 18 Nov 2025 14:02:11 Z", "2025-11-18T14:02:11Z")]
    [InlineData("2025-11-18T14:02:11Z", "2025-11-18T14:02:11Z")]
    [InlineData("2025-11-18T14:02:11.123456+02:00", "2025-11-18T12:02:11.123456Z")]
    [InlineData("2025-11-18T14:02:11+0200", "2025-11-18T12:02:11Z")]
    [InlineData("2025-11-18T14:02Z", "2025-11-18T14:02:00Z")]
    [InlineData("2025-11-18 14:02:11", "2025-11-18T14:02:11Z")]
    [InlineData("2025-11-18", "2025-11-18T00:00:00Z")]
    [InlineData("20251118T140211Z", "2025-11-18T14:02:11Z")]
    [InlineData("2025-11-18T24:00:00Z", "2025-11-19T00:00:00Z")]
    [InlineData("Tue Nov 18 2025 14:02:11 GMT+0100 (Central European Standard Time)", "2025-11-18T13:02:11Z")]
    [InlineData("Nov 18, 2025 2:02 PM", "2025-11-18T14:02:00Z")]
    [InlineData("November 18, 2025", "2025-11-18T00:00:00Z")]
    [InlineData("  Tue,  18  Nov 2025\n14:02:11 GMT ", "2025-11-18T14:02:11Z")]
    [InlineData("Tue, 18 Sept 2025 14:02:11 GMT", "2025-09-18T14:02:11Z")]
    [InlineData("18-Nov-2025 14:02:11 +0000", "2025-11-18T14:02:11Z")]
    [InlineData("Tue, 18 Nov 2025 14:02:11 -0500 EST", "2025-11-18T19:02:11Z")]
    [InlineData("Tue, 18 Nov 2025 14:02:11 IST", "2025-11-18T08:32:11Z")]
    [InlineData("Tuesday, November 18, 2025 - 14:02", "2025-11-18T14:02:00Z")]
    [InlineData("Wed Nov 19 11:00:00 EST 2025", "2025-11-19T16:00:00Z")]
    [InlineData("2025/11/18 14:02:11", "2025-11-18T14:02:11Z")]
    public void Real_world_dates_read_as_the_same_instant_in_utc(string text, string expected)
    {
        var parsed = FeedDates.Parse(text);

        Assert.NotNull(parsed);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed.Value);
        Assert.Equal(TimeSpan.Zero, parsed.Value.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("Tue, 31 Feb 2025 10:00:00 GMT")]
    [InlineData("2025-13-01T00:00:00Z")]
    [InlineData("Mon, 32 Foo 2025 99:99:99 XYZ")]
    public void Unreadable_dates_give_null_rather_than_throwing(string text)
    {
        Assert.Null(FeedDates.Parse(text));
    }
}
