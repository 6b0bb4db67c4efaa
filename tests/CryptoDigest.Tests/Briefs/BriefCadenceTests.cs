using CryptoDigest.Briefs;

namespace CryptoDigest.Tests.Briefs;

public class BriefCadenceTests
{
    // 2026-12-05 is a Saturday.
    private static readonly DateOnly Saturday = new(2026, 12, 5);

    [Fact]
    public void Weekdays_skip_saturday_and_sunday()
    {
        Assert.False(BriefCadence.Weekdays.IsDeliveryDay(Saturday));
        Assert.False(BriefCadence.Weekdays.IsDeliveryDay(Saturday.AddDays(1)));
        Assert.True(BriefCadence.Weekdays.IsDeliveryDay(Saturday.AddDays(2)));
        Assert.True(BriefCadence.Weekdays.IsDeliveryDay(Saturday.AddDays(6)));
    }

    [Fact]
    public void Weekly_is_due_on_its_day_only_and_daily_every_day()
    {
        var monday = BriefCadence.Weekly(DayOfWeek.Monday);

        Assert.Equal([Saturday.AddDays(2)], Enumerable.Range(0, 7).Select(Saturday.AddDays).Where(monday.IsDeliveryDay));
        Assert.All(Enumerable.Range(0, 7).Select(Saturday.AddDays), d => Assert.True(BriefCadence.Daily.IsDeliveryDay(d)));
    }

    [Theory]
    [InlineData("daily", "daily")]
    [InlineData("WEEKDAYS", "weekdays")]
    [InlineData("weekly tue", "weekly tue")]
    [InlineData("weekly Sunday", "weekly sun")]
    public void The_stored_form_reads_back(string text, string stored)
    {
        Assert.True(BriefCadence.TryParse(text, out var cadence));
        Assert.Equal(stored, cadence.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("weekly")]
    [InlineData("weekly mon tue")]
    [InlineData("monthly")]
    public void Anything_else_is_refused(string text)
    {
        Assert.False(BriefCadence.TryParse(text, out _));
    }
}
