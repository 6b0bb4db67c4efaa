using CryptoDigest.Briefs;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Briefs;

public class SubscriptionArgumentsTests
{
    private static readonly TimeOnly Eight = new(8, 0);

    [Theory]
    [InlineData("08:00 Europe/Berlin", "08:00", "Europe/Berlin", "")]
    [InlineData("Europe/Berlin 8:30", "08:30", "Europe/Berlin", "")]
    [InlineData("18:45", "18:45", "UTC", "")]
    [InlineData("America/New_York", "08:00", "America/New_York", "")]
    [InlineData("07:15 Asia/Tokyo sources:glassnode,Kaiko", "07:15", "Asia/Tokyo", "glassnode,kaiko")]
    [InlineData("utc 06:00", "06:00", "UTC", "")]
    public void Time_zone_and_sources_are_read_in_any_order_with_defaults_for_the_rest(string argument, string time, string zone, string sources)
    {
        Assert.True(SubscriptionArguments.TryParse(argument, Eight, "UTC", out var settings, out var error), error);

        Assert.Equal(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture), settings.DeliveryTime);
        Assert.Equal(zone, settings.TimeZone);
        Assert.Equal(sources, string.Join(',', settings.Sources));
    }

    [Fact]
    public void The_chats_last_zone_is_the_default()
    {
        Assert.True(SubscriptionArguments.TryParse("09:00", Eight, "Europe/Lisbon", out var settings, out _));

        Assert.Equal("Europe/Lisbon", settings.TimeZone);
    }

    [Theory]
    [InlineData("25:00", "as a time")]
    [InlineData("8:61 UTC", "as a time")]
    [InlineData("Mars/Olympus", "time zone \"Mars/Olympus\"")]
    [InlineData("08:00 UTC extra", "didn't understand \"extra\"")]
    public void Bad_arguments_get_a_clear_message(string argument, string expected)
    {
        Assert.False(SubscriptionArguments.TryParse(argument, Eight, "UTC", out _, out var error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_setting_describes_itself_for_the_reply()
    {
        Assert.Equal("07:05 Europe/Berlin (only glassnode)", new SubscriptionSettings(new TimeOnly(7, 5), "Europe/Berlin", ["glassnode"]).Describe());
    }

    [Theory]
    [InlineData("es", "Mars/Olympus", "No conozco la zona horaria \"Mars/Olympus\"")]
    [InlineData("ru", "08:00 UTC extra", "Не понял «extra». Использование: /subscribe [ЧЧ:ММ]")]
    [InlineData("zh-Hans", "8:61", "无法把“8:61”读作时间")]
    public void Bad_arguments_are_explained_in_the_chats_language(string language, string argument, string expected)
    {
        Assert.False(SubscriptionArguments.TryParse(argument, Eight, "UTC", ReplyTexts.For(language), out _, out var error));

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_setting_describes_itself_in_a_language_with_the_time_zone_and_names_as_typed()
    {
        Assert.Equal("07:05 Europe/Berlin (yalnızca glassnode, kaiko)", new SubscriptionSettings(new TimeOnly(7, 5), "Europe/Berlin", ["glassnode", "kaiko"]).Describe(ReplyTexts.For("tr")));
        Assert.Equal("07:05 UTC (todas as newsletters)", new SubscriptionSettings(new TimeOnly(7, 5), "UTC", []).Describe(ReplyTexts.For("pt-BR")));
    }
}
