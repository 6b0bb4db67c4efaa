using System.Text.RegularExpressions;
using CryptoDigest.Indices;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Indices;

/// <summary>The index line under the brief: the English wording as before, and the same figures worded in each language.</summary>
public partial class BriefIndexFiguresTests
{
    private static readonly BriefIndexFigures Figures = new(0.7651, 10, new DateOnly(2026, 11, 30), 0.9512,
        new MarketDataSource(MarketDataOrigin.Cached, new DateTimeOffset(2026, 11, 30, 12, 4, 0, TimeSpan.Zero)));

    [Fact]
    public void English_line_reads_as_before()
    {
        Assert.Equal(
            "Index: Bitcoin is 76.51 % of a cap-weighted top 10 on 2026-11-30, +0.95 points since the day before (Data: CoinGecko, cached at 2026-11-30 12:04 UTC).",
            Figures.Describe(ReplyTexts.English));
    }

    [Theory]
    [InlineData("es", "Índice: Bitcoin es el 76.51 % de un top 10 ponderado por capitalización el 2026-11-30, +0.95 puntos respecto al día anterior")]
    [InlineData("ru", "Индекс: доля Bitcoin в топ-10")]
    [InlineData("zh-Hans", "指数：2026-11-30，比特币")]
    public void Each_language_words_the_same_figures(string language, string start)
    {
        var line = Figures.Describe(ReplyTexts.For(language));

        Assert.StartsWith(start, line, StringComparison.Ordinal);
        Assert.Equal(Digits(Figures.Describe(ReplyTexts.English)), Digits(line));
    }

    private static List<string> Digits(string text) => [.. Number().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\d+(?:\.\d+)?", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Number();
}
