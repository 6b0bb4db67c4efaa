using CryptoDigest.Archive;

namespace CryptoDigest.Tests.Archive;

public class PassageCutterTests
{
    [Fact]
    public void Sentences_end_at_a_stop_before_a_capital_but_not_after_an_initial()
    {
        var sentences = PassageCutter.Sentences("The U.S. Treasury sold bills. J. Powell spoke! Did rates move? 3 banks said \"yes.\" Then it ended");

        Assert.Equal(["The U.S. Treasury sold bills.", "J. Powell spoke!", "Did rates move?", "3 banks said \"yes.\"", "Then it ended"], sentences);
    }

    [Fact]
    public void A_long_text_becomes_passages_of_a_few_sentences_none_over_the_limit()
    {
        var text = string.Join(' ', Enumerable.Range(1, 60).Select(i => $"Sentence number {i} says something about markets and flows."));

        var passages = PassageCutter.Cut("Title", text);

        Assert.True(passages.Count > 5);
        Assert.All(passages, p => Assert.InRange(p.Length, 1, PassageCutter.MaxLength));
        Assert.Equal(text, string.Join(' ', passages));
    }

    [Fact]
    public void A_sentence_longer_than_a_passage_is_cut_at_a_word_and_an_empty_text_gives_the_title()
    {
        var longSentence = string.Join(' ', Enumerable.Repeat("word", 400));

        var passages = PassageCutter.Cut("Title", longSentence);
        var titleOnly = PassageCutter.Cut("Only a title", "   ");

        Assert.All(passages, p => Assert.True(p.Length <= PassageCutter.MaxLength && !p.StartsWith(' ') && p.EndsWith("word", StringComparison.Ordinal)));
        Assert.Equal(["Only a title"], titleOnly);
    }

    [Fact]
    public void A_paragraph_of_some_length_ends_its_passage()
    {
        var first = string.Join(' ', Enumerable.Repeat("First paragraph sentence with enough words in it.", 4));

        var passages = PassageCutter.Cut("T", first + "\nSecond paragraph.");

        Assert.Equal([first, "Second paragraph."], passages);
    }

    [Fact]
    public void A_short_opening_paragraph_is_a_passage_of_its_own_but_later_short_paragraphs_join_the_next()
    {
        var passages = PassageCutter.Cut("T", "This week: exit queues and stablecoins.\nThe exit queue swelled to 1.1 million ETH.\nShort one.\nAnother short one.");

        Assert.Equal(["This week: exit queues and stablecoins.", "The exit queue swelled to 1.1 million ETH. Short one. Another short one."], passages);
    }
}
