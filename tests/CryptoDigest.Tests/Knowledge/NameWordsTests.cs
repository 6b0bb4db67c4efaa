using CryptoDigest.Knowledge;

namespace CryptoDigest.Tests.Knowledge;

/// <summary>
/// The name rule of abstention: a word in no indexed passage and in no common list is a name, in any case;
/// common words, crypto slang and keyboard slips of passage words are not; a year always is.
/// </summary>
public class NameWordsTests
{
    private static readonly IndexedVocabulary Vocabulary = Build();

    [Theory]
    [InlineData("is bybit safe after the hack", "bybit")]
    [InlineData("trezor vs ledger whats better", "trezor")]
    [InlineData("what did arthur hayes say", "arthur,hayes")]
    [InlineData("that exchange hack in 2025", "2025")]
    public void Names_are_found_in_lower_case(string question, string expected)
    {
        Assert.Equal(expected.Split(','), NameWords.Find(question, Vocabulary));
    }

    [Theory]
    [InlineData("can i mine btc on my gaming pc rn lol")]
    [InlineData("which exchanges r considered safe")]
    [InlineData("is coinbase safe")]
    [InlineData("sent crypto to the wrong adress")]
    [InlineData("is bitcoin anonimous")]
    public void Common_words_slang_passage_words_and_their_slips_are_no_names(string question)
    {
        Assert.Empty(NameWords.Find(question, Vocabulary));
    }

    [Theory]
    [InlineData("anonimous", "anonymous", true)]
    [InlineData("adress", "address", true)]
    [InlineData("bitocin", "bitcoin", true)]
    [InlineData("coin", "coins", false)]
    [InlineData("bybit", "bitcoin", false)]
    public void A_slip_is_one_edit_on_a_word_of_five_letters_or_more(string typed, string known, bool slip)
    {
        Assert.Equal(slip, NameWords.IsOneSlipApart(typed, known));
    }

    private static IndexedVocabulary Build()
    {
        var vocabulary = new IndexedVocabulary();
        vocabulary.Set("knowledge", IndexedVocabulary.Of(["Bitcoin is pseudonymous, not anonymous.", "Coinbase and Kraken keep most funds in cold storage; check the address."]));
        return vocabulary;
    }
}
