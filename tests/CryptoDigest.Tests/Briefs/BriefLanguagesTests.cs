using CryptoDigest.Briefs;

namespace CryptoDigest.Tests.Briefs;

public class BriefLanguagesTests
{
    [Theory]
    [InlineData("es", "es")]
    [InlineData("es-ES", "es")]
    [InlineData("pt-br", "pt-BR")]
    [InlineData("pt", "pt-BR")]
    [InlineData("zh-hans", "zh-Hans")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("ru", "ru")]
    [InlineData("tr", "tr")]
    [InlineData("en-GB", "en")]
    public void Platform_locales_map_to_a_shipped_language(string locale, string expected)
    {
        Assert.Equal(expected, BriefLanguages.FromPlatform(locale));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("de")]
    [InlineData("zh-TW")]
    public void Anything_not_shipped_defaults_to_english(string? locale)
    {
        Assert.Equal("en", BriefLanguages.FromPlatform(locale));
        Assert.Null(BriefLanguages.Find(locale));
    }
}
