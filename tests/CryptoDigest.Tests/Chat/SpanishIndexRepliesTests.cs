using System.Text.RegularExpressions;
using CryptoDigest.Chat;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Chat;

/// <summary>
/// /index in Spanish through the real router on the bundled sample: the sentences come from ReplyTexts.es.resx, while
/// every figure and date is the one the English answer carries, and the fixed-width table is the same text.
/// </summary>
public partial class SpanishIndexRepliesTests
{
    [Theory]
    [InlineData("/index weights top10")]
    [InlineData("/index drawdown eth")]
    [InlineData("/index compare top5 90d")]
    public async Task Spanish_index_answer_has_the_english_answers_figures(string command)
    {
        var english = await TestServices.AskAsync(Request("en-" + command, command, "en"));
        var spanish = await TestServices.AskAsync(Request("es-" + command, command, "es"));

        Assert.Equal(Figures(english), Figures(spanish));
        Assert.Equal(english.Blocks.Where(b => b.Preformatted).Select(b => b.Text), spanish.Blocks.Where(b => b.Preformatted).Select(b => b.Text));
        Assert.NotEqual(english.Blocks[0].Heading, spanish.Blocks[0].Heading);
        Assert.Contains(spanish.Blocks, b => b.Text == ReplyTexts.For("es")["Brief.NotFinancialAdvice"]);
    }

    [Fact]
    public async Task Spanish_weights_answer_is_worded_in_spanish()
    {
        var reply = await TestServices.AskAsync(Request("es-index-weights", "/index weights top10", "es"));

        Assert.Equal("Top 10, ponderado por capitalización [datos de muestra]", reply.Blocks[0].Heading);
        Assert.Matches(@"^Bitcoin es el \d+\.\d\d % de un top 10 ponderado por capitalización, según las capitalizaciones del 2026-11-30; el número efectivo de componentes es \d+\.\d\d\.$", reply.Blocks[0].Text);
        Assert.Contains(reply.Blocks, b => b.Text.StartsWith("Datos: ", StringComparison.Ordinal) && b.Text.EndsWith(ReplyTexts.For("es")["Index.Exclusions"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Spanish_usage_and_errors_name_the_values_as_typed()
    {
        var drawdown = (await TestServices.AskAsync(Request("es-index-usage", "/index drawdown", "es"))).ToString();
        var top = (await TestServices.AskAsync(Request("es-index-top", "/index weights top999", "es"))).ToString();
        var coin = (await TestServices.AskAsync(Request("es-index-coin", "/index drawdown zzzcoin", "es"))).ToString();

        Assert.Equal("Uso: /index drawdown <moneda>, p. ej. /index drawdown eth", drawdown);
        Assert.StartsWith("El top debe ser de 1 a ", top, StringComparison.Ordinal);
        Assert.StartsWith("No puedo calcular eso: no conozco ninguna moneda llamada \"zzzcoin\" entre las 23 más grandes", coin, StringComparison.Ordinal);
    }

    // Every run of digits in the reply's text (blocks and image caption), in order of appearance within each kind of text, as a sorted list.
    private static List<string> Figures(ChatReply reply) =>
        [.. reply.Blocks.SelectMany(b => Digits().Matches((b.Heading ?? string.Empty) + " " + b.Text)).Concat(Digits().Matches(reply.Image?.Caption ?? string.Empty))
            .Select(m => m.Value).Order(StringComparer.Ordinal)];

    private static ChatRequest Request(string chatId, string text, string locale) =>
        ChatRequest.FromText(ChatPlatform.Console, chatId, "user-1", true, ChatCommandParser.Parse(text, "CryptoDigestBot")) with { MemberLocale = locale };

    [GeneratedRegex(@"\d+(?:\.\d+)?", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Digits();
}
