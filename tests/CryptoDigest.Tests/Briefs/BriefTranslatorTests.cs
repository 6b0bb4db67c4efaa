using CryptoDigest.Briefs;

namespace CryptoDigest.Tests.Briefs;

public class BriefTranslatorTests
{
    private static readonly BriefContent Original = new(
        new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero),
        "Bitcoin rose 4.2% as ETF inflows reached $512 million (Glassnode).",
        [
            new BriefItem("ETF inflows", "Glassnode", new Uri("https://news.example.com/etf"), "Inflows reached $512 million on Friday.", "Institutions and flows", [], default, false, "A longer extract."),
            new BriefItem("Aave vote", "The Defiant", new Uri("https://news.example.com/aave"), "Aave holders voted 87% in favour.", "DeFi", [], default, false),
        ],
        true,
        false);

    [Fact]
    public void Read_keeps_titles_and_links_and_takes_the_prose_and_summaries_from_the_answer()
    {
        var answer = "=== PROSE ===\nBitcoin subió un 4,2% con entradas en ETF de 512 millones de dólares (Glassnode).\n" +
            "=== ITEM 1 ===\nLas entradas llegaron a 512 millones de dólares el viernes.\n=== ITEM 2 ===\nLos holders de Aave votaron un 87% a favor.\n";

        var translated = BriefTranslator.Read(answer, Original);

        Assert.NotNull(translated);
        Assert.StartsWith("Bitcoin subió un 4,2%", translated.Prose, StringComparison.Ordinal);
        Assert.Equal("Los holders de Aave votaron un 87% a favor.", translated.Items[1].Summary);
        Assert.Equal(Original.Items.Select(i => (i.Title, i.Url, i.Source)), translated.Items.Select(i => (i.Title, i.Url, i.Source)));
        Assert.Null(translated.Items[0].Detail);
    }

    [Theory]
    [InlineData("=== PROSE ===\nBitcoin subió un 4,3% (512 millones).\n=== ITEM 1 ===\n512 millones el viernes.\n=== ITEM 2 ===\nUn 87% a favor.")] // a number changed
    [InlineData("=== PROSE ===\nBitcoin subió un 4,2% (512 millones).\n=== ITEM 1 ===\n512 millones el viernes.")] // an item missing
    [InlineData("Bitcoin subió un 4,2% (512 millones).")] // no markers at all
    public void Read_refuses_an_answer_that_changes_a_number_or_leaves_a_section_out(string answer)
    {
        Assert.Null(BriefTranslator.Read(answer, Original));
    }
}
