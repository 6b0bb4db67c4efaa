using CryptoDigest.Knowledge;

namespace CryptoDigest.Tests.Knowledge;

public class TextTokenizerTests
{
    [Fact]
    public void Words_are_lower_cased_stemmed_and_stripped_of_stop_words()
    {
        Assert.Equal(["wallet", "weight", "index"], TextTokenizer.Tokenize("What are the Wallets, weighting and indices?"));
    }

    [Fact]
    public void Abbreviations_members_type_map_to_the_words_the_texts_use()
    {
        Assert.Equal(TextTokenizer.Tokenize("bitcoin"), TextTokenizer.Tokenize("BTC"));
        Assert.Equal(["2fa"], TextTokenizer.Tokenize("2FA"));
    }

    [Theory]
    [InlineData("CEO", "chief executive")]
    [InlineData("pubkeys", "public keys")]
    [InlineData("LPs", "liquidity providers")]
    [InlineData("TGA", "Treasury General Account")]
    [InlineData("FY2026", "fiscal year 2026")]
    [InlineData("30y", "30-year")]
    public void Shorthand_in_a_text_or_a_question_is_searched_as_what_it_stands_for(string shorthand, string writtenOut)
    {
        Assert.Equal(TextTokenizer.Tokenize(writtenOut), TextTokenizer.Tokenize(shorthand));
    }

    [Theory]
    [InlineData("sold", "selling")]
    [InlineData("bought", "buying")]
    [InlineData("fell", "falling")]
    [InlineData("held", "holds")]
    public void Irregular_past_forms_share_the_stem_of_their_other_forms(string past, string other)
    {
        Assert.Equal(TextTokenizer.Tokenize(other), TextTokenizer.Tokenize(past));
    }

    [Fact]
    public void Numbers_survive_tokenizing()
    {
        Assert.Contains("2022", TextTokenizer.Tokenize("the 2022 drawdown"));
    }
}
