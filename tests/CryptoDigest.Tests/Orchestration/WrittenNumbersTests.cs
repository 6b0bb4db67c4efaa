using CryptoDigest.Orchestration;

namespace CryptoDigest.Tests.Orchestration;

/// <summary>Numbers read by value, so an answer and a passage writing the same figure differently agree (docs/archive.md, "the number rule").</summary>
public class WrittenNumbersTests
{
    [Theory]
    [InlineData("$1.2 billion", 1_200_000_000)]
    [InlineData("$1.2bn", 1_200_000_000)]
    [InlineData("$1.2B", 1_200_000_000)]
    [InlineData("1,200 million", 1_200_000_000)]
    [InlineData("16k validators", 16_000)]
    [InlineData("2.3M BTC", 2_300_000)]
    [InlineData("three billion", 3_000_000_000)]
    [InlineData("a million coins", 1_000_000)]
    [InlineData("forty-two", 42)]
    [InlineData("three hundred and twenty million", 320_000_000)]
    [InlineData("40 %", 40)]
    [InlineData("forty percent", 40)]
    public void A_figure_is_read_by_its_value(string text, decimal value)
    {
        Assert.Equal([value], WrittenNumbers.Read(text).Select(n => n.Value));
    }

    [Theory]
    [InlineData("moving to L2 in Q3 [p1]")]
    [InlineData("a bit of time")]
    [InlineData("an ETF")]
    public void Names_with_digits_and_articles_are_no_figures(string text)
    {
        Assert.Empty(WrittenNumbers.Read(text));
    }

    [Fact]
    public void A_lone_small_number_word_is_prose_and_one_with_a_scale_or_percent_is_a_figure()
    {
        var read = WrittenNumbers.Read("one of the two funds took five million, or nine percent, over eleven days");

        Assert.Equal([(1m, true), (2m, true), (5_000_000m, false), (9m, false), (11m, false)], read.Select(n => (n.Value, n.Prose)));
    }

    [Fact]
    public void A_figure_without_a_scale_is_held_by_the_same_figure_before_a_scale_but_a_scaled_one_needs_the_same_value()
    {
        var held = WrittenNumbers.Read("inflows of $1.2 billion");

        Assert.True(WrittenNumbers.IsHeld(WrittenNumbers.Read("1.2")[0], held));
        Assert.True(WrittenNumbers.IsHeld(WrittenNumbers.Read("1,200,000,000")[0], held));
        Assert.False(WrittenNumbers.IsHeld(WrittenNumbers.Read("1.2 million")[0], held));
    }
}
