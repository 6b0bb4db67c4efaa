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

    // What Python's feedparser (the reference aggregators are compared with) reads from the same text.
    [Theory]
    [InlineData("Tue, 18 Nov 2025 14:02:11 A", "2025-11-18T15:02:11Z")] // RFC 822 military zones: A is -1
    [InlineData("Tue, 18 Nov 2025 14:02:11 N", "2025-11-18T13:02:11Z")] // N is +1
    [InlineData("Tue, 18 Nov 2025 14:02:11 M", "2025-11-19T02:02:11Z")] // M is -12
    [InlineData("Tue, 18 Nov 2025 14:02:11 Y", "2025-11-18T02:02:11Z")] // Y is +12
    [InlineData("Tue, 18 Nov 2025 14:02:11 Q", "2025-11-18T14:02:11Z")] // other letters: UTC
    [InlineData("Tue, 18 Nov 2025 14:02:11 MET", "2025-11-18T13:02:11Z")]
    [InlineData("Tue, 18 Nov 2025 14:02:11 MEST", "2025-11-18T12:02:11Z")]
    [InlineData("Tue, 18 Nov 2025 14:02:11 AT", "2025-11-18T18:02:11Z")]
    [InlineData("Tue, 18 Nov 89 14:02:11 GMT", "2089-11-18T14:02:11Z")] // two-digit years below 90 are 20xx
    [InlineData("Tue, 18 Nov 95 14:02:11 GMT", "1995-11-18T14:02:11Z")]
    [InlineData("18 Novembre 2025 14:02:11 +0000", "2025-11-18T14:02:11Z")] // a month is known by its first three letters
    [InlineData("Fri, 4 Juli 2025 14:02:11 +0000", "2025-07-04T14:02:11Z")]
    [InlineData("Tue,18 Nov 2025 14:02:11 GMT", "2025-11-18T14:02:11Z")] // no space after the comma
    [InlineData("Tue, 18 Nov 2025 14:02:11 GMT-05:00", "2025-11-18T19:02:11Z")]
    [InlineData("2025-11-18T14:02:11.999999Z", "2025-11-18T14:02:11.999999Z")]
    [InlineData("2025-11", "2025-11-01T00:00:00Z")]
    [InlineData("2025", "2025-01-01T00:00:00Z")]
    [InlineData("2025-11-18T14:02:11 -05:00", "2025-11-18T19:02:11Z")]
    public void Dates_read_as_feedparser_reads_them(string text, string expected)
    {
        var parsed = FeedDates.Parse(text);

        Assert.NotNull(parsed);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed.Value);
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
