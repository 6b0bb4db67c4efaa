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
    [InlineData("trezor vs ledger whats better", "trezor,ledger")]
    [InlineData("what did arthur hayes say", "arthur,hayes")]
    [InlineData("that exchange hack in 2025", "2025")]
    public void Names_are_found_in_lower_case(string question, string expected)
    {
        Assert.Equal(expected.Split(','), NameWords.Find(question, Vocabulary));
    }

    [Theory]
    [InlineData("how big is the north dakota site in megawatts", "megawatts")]
    [InlineData("delfi's modelled yield for the operators", "modelled")]
    [InlineData("the annualised fees of the merged protocol", "annualised")]
    [InlineData("private credit after the blowup", "blowup")]
    [InlineData("haverig aggregator screwup, how much did traders lose", "screwup")]
    public void Less_common_and_british_english_words_are_no_names(string question, string word)
    {
        Assert.DoesNotContain(word, NameWords.Find(question, Vocabulary));
        Assert.True(NameWords.IsCommon(word));
    }

    [Theory]
    [InlineData("kielda", "kielder", true)]
    [InlineData("hodla", "hodler", true)]
    [InlineData("kiela", "kielder", false)]
    public void A_name_typed_as_it_is_said_is_mistyped_for_the_name(string typed, string known, bool mistyped)
    {
        Assert.Equal(mistyped, NameWords.IsMistypedFor(typed, known));
    }

    [Theory]
    [InlineData("megawatts", false)]
    [InlineData("annualised", false)]
    [InlineData("modelled", true)]
    [InlineData("market", true)]
    [InlineData("hodl", true)]
    [InlineData("bybit", false)]
    public void Only_the_everyday_words_are_everyday(string word, bool everyday)
    {
        Assert.Equal(everyday, NameWords.IsEveryday(word));
    }

    [Theory]
    [InlineData("is exodus any good", "exodus")]
    [InlineData("is Phantom safe to use", "phantom")]
    [InlineData("what about near protocol", "near")]
    [InlineData("Is Near a good buy", "near")]
    [InlineData("gemini or trust wallet for a noob", "gemini,trust")]
    [InlineData("sui vs near", "sui,near")]
    [InlineData("what did the newsletters say about the Ledger leak", "ledger")]
    public void Crypto_names_that_are_english_words_are_names_when_marked_as_such_or_rare_in_english(string question, string expected)
    {
        Assert.Equal(expected.Split(','), NameWords.Find(question, Vocabulary));
    }

    [Theory]
    [InlineData("how does bitcoin stop ppl from cheating the ledger")]
    [InlineData("are we near the bottom")]
    [InlineData("do you trust this exchange")]
    [InlineData("Can I Trust This Exchange With My Savings")]
    [InlineData("what base layer does ethereum use")]
    public void Everyday_words_on_the_crypto_name_list_and_name_words_the_passages_hold_are_no_names_without_a_cue(string question)
    {
        Assert.Empty(NameWords.Find(question, Vocabulary));
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
    [InlineData("what did they say about the linea airdrop", "linea")]
    [InlineData("any news on Linea", "linea")]
    [InlineData("what about the curve exploit", "curve")]
    public void A_word_the_question_marks_as_a_name_is_no_slip_of_an_everyday_word_a_passage_holds(string question, string expected)
    {
        // "linea" is one slip from "lines", which a passage holds; before "airdrop" or capitalised it is the name.
        Assert.Equal(expected.Split(','), NameWords.Find(question, Vocabulary));
    }

    [Theory]
    [InlineData("what are the lnies saying")]
    [InlineData("how many oz of gold is one btc")]
    [InlineData("fees in bps and power in mwh")]
    public void A_slip_of_a_passage_word_without_a_name_cue_and_units_are_no_names(string question)
    {
        Assert.Empty(NameWords.Find(question, Vocabulary));
    }

    [Theory]
    [InlineData("near", "Staking on Near Protocol pays 9%.", true)]
    [InlineData("near", "The near protocol upgrade shipped.", true)]
    [InlineData("near", "Near a suspected top, take profit.", false)]
    [InlineData("near", "Prices settled near $26,000.", false)]
    [InlineData("exodus", "An exodus of miners followed.", false)]
    [InlineData("exodus", "Users of Exodus reported a fake update.", true)]
    [InlineData("bybit", "the bybit hack", true)]
    public void A_crypto_name_that_is_an_english_word_is_mentioned_only_where_written_as_a_name(string name, string text, bool mentioned)
    {
        Assert.Equal(mentioned, NameWords.IsMentionedIn(name, text));
    }

    [Theory]
    [InlineData("anonimous", "anonymous", true)]
    [InlineData("adress", "address", true)]
    [InlineData("bitocin", "bitcoin", true)]
    [InlineData("coin", "coins", false)]
    [InlineData("puel", "puell", true)]
    [InlineData("aldn", "alden", true)]
    [InlineData("pual", "puell", false)]
    [InlineData("bybit", "bitcoin", false)]
    public void A_slip_is_one_edit_on_a_word_of_five_letters_or_more(string typed, string known, bool slip)
    {
        Assert.Equal(slip, NameWords.IsOneSlipApart(typed, known));
    }

    [Theory]
    [InlineData("grenmore", "grenmoor", true)]
    [InlineData("brakmore", "brakmoor", true)]
    [InlineData("carrowmoor", "carrowmore", true)]
    [InlineData("grenmore", "greymoor", false)]
    [InlineData("grenmore", "grenfield", false)]
    [InlineData("velmont", "velmira", false)]
    [InlineData("aysgth", "aysgarth", false)]
    public void Two_slips_count_on_a_long_word_whose_first_four_letters_are_typed_right(string typed, string known, bool slips)
    {
        Assert.Equal(slips, NameWords.IsTwoSlipsApart(typed, known));
    }

    [Theory]
    [InlineData("yo how hard did the token nuke, is the yield legit or nah")]
    [InlineData("ngl wild that 10yr old coins moved, what share do perp dexes do")]
    [InlineData("how much of what miners earn is tx fees, and the base case by end of q1 after the 50bp cut")]
    public void Chat_slang_plurals_of_crypto_words_and_measures_are_no_names(string question)
    {
        Assert.Empty(NameWords.Find(question, Vocabulary));
    }

    [Theory]
    [InlineData("whos the ceo that said customers are safe")]
    [InlineData("how much did the lp vault lose, and the iv after 2 wks")]
    [InlineData("what did the rrr cut free up qoq")]
    public void Shorthand_for_words_the_issues_write_out_is_no_name(string question)
    {
        Assert.Empty(NameWords.Find(question, Vocabulary));
    }

    [Fact]
    public void A_word_outside_english_before_a_word_for_what_it_names_is_a_name_even_where_a_passage_holds_it()
    {
        Assert.Equal(["kraken"], NameWords.BeforeKinds("whats the word on the kraken ipo"));
        Assert.Empty(NameWords.Find("whats the word on the kraken ipo", Vocabulary));
        Assert.Empty(NameWords.BeforeKinds("is my hardware wallet safe on an exchange"));
    }

    [Theory]
    [InlineData("is the ledger x1 any good", "x1")]
    [InlineData("is the s9 still worth running", "s9")]
    public void A_word_of_letters_and_digits_that_is_no_measure_is_a_name(string question, string expected)
    {
        Assert.Equal(expected.Split(','), NameWords.Find(question, Vocabulary));
    }

    [Theory]
    [InlineData("10yr", true)]
    [InlineData("50bp", true)]
    [InlineData("2x", true)]
    [InlineData("q1", true)]
    [InlineData("fy25", true)]
    [InlineData("x1", false)]
    [InlineData("l2", false)]
    [InlineData("s9", false)]
    public void A_figure_with_its_unit_or_a_quarter_is_a_measure(string word, bool measure)
    {
        Assert.Equal(measure, NameWords.IsMeasure(word));
    }

    [Fact]
    public void For_the_archive_an_english_word_naming_a_wallet_no_passage_holds_is_a_name()
    {
        Assert.Equal(["lantern"], NameWords.Find("anyone covered the lantern wallet exploit", Vocabulary, kindNamed: true));
        Assert.Empty(NameWords.Find("anyone covered the lantern wallet exploit", Vocabulary));
        Assert.Empty(NameWords.Find("is my hardware wallet safe from the coinbase exchange hack", Vocabulary, kindNamed: true));
    }

    private static IndexedVocabulary Build()
    {
        var vocabulary = new IndexedVocabulary();
        vocabulary.Set("knowledge", IndexedVocabulary.Of(["Bitcoin is pseudonymous, not anonymous.", "Coinbase and Kraken keep most funds in cold storage; check the address.", "Every node keeps a copy of the ledger.", "Queues formed in long lines."]));
        return vocabulary;
    }
}
