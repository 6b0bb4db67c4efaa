using CryptoDigest.Briefs;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Briefs;

public class SettingChangeParserTests
{
    [Theory]
    [InlineData("language es", "language", "es")]
    [InlineData("language PT-br", "language", "pt-BR")]
    [InlineData("language zh-CN", "language", "zh-Hans")]
    [InlineData("language en-US", "language", "en")]
    [InlineData("topics +ETH -nft", "topics", "+eth -nft")]
    [InlineData("topics none", "topics", "")]
    [InlineData("length headlines", "length", "headlines")]
    [InlineData("Length In-Depth", "length", "in-depth")]
    [InlineData("cadence weekly mon", "cadence", "weekly mon")]
    [InlineData("cadence weekly Friday", "cadence", "weekly fri")]
    [InlineData("cadence weekdays", "cadence", "weekdays")]
    [InlineData("market ON", "market", "on")]
    [InlineData("time 7:30", "time", "07:30")]
    [InlineData("zone Europe/Berlin", "zone", "Europe/Berlin")]
    [InlineData("zone utc", "zone", "UTC")]
    [InlineData("sources Glassnode, kaiko", "sources", "glassnode,kaiko")]
    [InlineData("sources all", "sources", "")]
    public void Valid_values_are_read_into_their_stored_form(string argument, string setting, string value)
    {
        Assert.True(SettingChangeParser.TryParse(argument, out var change, out var error), error);

        Assert.Equal(new SettingChange(setting, value), change);
    }

    [Theory]
    [InlineData("language xx", "en | es | pt-BR | ru | tr | zh-Hans")]
    [InlineData("language", "en | es | pt-BR | ru | tr | zh-Hans")]
    [InlineData("length short", "headlines | standard | in-depth")]
    [InlineData("cadence weekly", "weekly <day>")]
    [InlineData("cadence weekly someday", "mon, tue")]
    [InlineData("cadence hourly", "daily | weekdays")]
    [InlineData("market maybe", "on | off")]
    [InlineData("time 25:00", "HH:MM")]
    [InlineData("zone Mars/Olympus", "IANA time zone")]
    [InlineData("topics eth", "can't read \"eth\"")]
    [InlineData("colour blue", "language | topics | length | cadence | market | time | zone | sources")]
    public void Bad_values_get_one_line_naming_the_valid_values(string argument, string expected)
    {
        Assert.False(SettingChangeParser.TryParse(argument, out _, out var error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
        Assert.Contains("Usage: /settings", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("es", "topics eth", "No puedo leer \"eth\" como tema. Uso: /settings topics")]
    [InlineData("tr", "topics +a +b +c +d +e +f +g +h +i +j +k +l +m +n +o +p +q +r +s +t +u", "En fazla 20 konu terimi. Kullanım: /settings topics")]
    public void A_topic_syntax_error_names_its_reason_in_the_chats_language(string language, string argument, string expected)
    {
        Assert.False(SettingChangeParser.TryParse(argument, out _, out var error, ReplyTexts.For(language)));

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Stored_settings_read_back_and_fall_back_to_defaults()
    {
        var settings = BriefSettings.Read("pt-BR", "+eth -nft", "in-depth", "weekly sun", market: true);

        Assert.Equal("pt-BR", settings.Language);
        Assert.Equal("+eth -nft", settings.Topics.ToString());
        Assert.Equal(BriefLength.InDepth, settings.Length);
        Assert.Equal(BriefCadence.Weekly(DayOfWeek.Sunday), settings.Cadence);
        Assert.True(settings.Market);
        Assert.Equal(BriefSettings.Default, BriefSettings.Read("xx", "not a filter", "long", "hourly", market: false));
    }
}
