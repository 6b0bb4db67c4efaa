using CryptoDigest.Archive;

namespace CryptoDigest.Tests.Archive;

/// <summary>
/// Shorthand a member typed for words an issue writes out (round 8, docs/knowledge-retrieval.md) is no name the issue
/// lacks; a name typed in lower case, or capitals the issue spells nowhere, still is.
/// </summary>
public class TypedShorthandTests
{
    private const string Issue = "Short open interest on Peridot fell by $2.3 billion as Halvard's bridge drained, and long liquidations reached $612 million at $41.70 per petahash per day.";

    [Theory]
    [InlineData("OI", true)]
    [InlineData("HLV", true)]
    [InlineData("PH", true)]
    [InlineData("liqs", true)]
    [InlineData("oi", false)]
    [InlineData("sui", false)]
    [InlineData("FTX", false)]
    [InlineData("kraken", false)]
    [InlineData("open interest", false)]
    public void Capitals_for_initials_or_letters_of_a_word_and_a_clipped_plural_are_shorthand(string typed, bool expected) =>
        Assert.Equal(expected, TypedShorthand.IsShorthandIn(typed, Issue));

    [Theory]
    [InlineData("postmortem", true)]
    [InlineData("timelocks", true)]
    [InlineData("timelock", true)]
    [InlineData("phantom", false)]
    [InlineData("post", false)]
    [InlineData("mortem", false)]
    public void A_compound_typed_closed_is_held_by_an_issue_writing_it_with_a_hyphen(string typed, bool expected) =>
        Assert.Equal(expected, TypedShorthand.IsShorthandIn(typed, "The Post-Mortem, published Sunday, blames phantom liquidity and a missing time-locks check."));

    [Theory]
    [InlineData("BoE", "On Wednesday the Bank of England stepped in to buy gilts.", true)]
    [InlineData("etp", "Veridane launched two exchange-traded products in Europe.", true)]
    [InlineData("avg", "The fund's average cost is about $108,400 a coin.", true)]
    [InlineData("etp", "Each time the price fell, buyers stepped in.", false)]
    [InlineData("ftx", "Funds took the exit as volumes fell.", false)]
    [InlineData("aave", "Liquidity was available again by Sunday.", false)]
    [InlineData("etps", "Hong Kong exchange-traded products took in US$212m.", true)]
    [InlineData("pboc", "The People's Bank of China cut the reserve requirement ratio.", true)]
    [InlineData("pboc", "Prices bounced on Coinbase after the cut.", false)]
    [InlineData("boc", "The Bank of Canada cut its rate by 75 basis points.", true)]
    [InlineData("boc", "Bitcoin on Coinbase traded at a premium.", false)]
    public void Lower_case_initials_of_long_words_and_a_word_without_its_vowels_are_shorthand_as_mixed_capitals_are(string typed, string text, bool expected) =>
        Assert.Equal(expected, TypedShorthand.IsShorthandIn(typed, text));
}
