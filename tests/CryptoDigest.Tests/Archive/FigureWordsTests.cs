using CryptoDigest.Archive;
using CryptoDigest.Knowledge;

namespace CryptoDigest.Tests.Archive;

/// <summary>
/// A figure's own words (round 7, docs/knowledge-retrieval.md): the topic words written beside a figure of the kind asked
/// for, and the quote that takes the sentence whose figure they name when another sentence on the topic ranks first;
/// round 8: from any passage of the issue, the quoted ones first.
/// </summary>
public class FigureWordsTests
{
    private static readonly string[] Sources = ["Delphi Digital", "Coin Metrics"];

    private const string Expiry = "Friday's quarterly expiry was the largest on record. By our count, $14.6 billion of bitcoin and ether options notional rolled off across venues, with Deribit accounting for the bulk of it. Bitcoin settled at $106,900, a little above the level at which option buyers as a whole would have lost the most. This was the first quarterly expiry in which on-chain options venues handled more than 5% of the notional, a share that was negligible a year ago.";

    [Theory]
    [InlineData("By our count, $14.6 billion of bitcoin and ether options notional rolled off across venues.", QuestionMeasure.Amount, 2)]
    [InlineData("Bitcoin settled at $106,900, a little above the level at which option buyers as a whole would have lost the most.", QuestionMeasure.Amount, 0)]
    [InlineData("On-chain venues handled more than 5% of the notional, a share that was negligible a year ago.", QuestionMeasure.Amount, 0)]
    [InlineData("On-chain venues handled more than 5% of the notional, a share that was negligible a year ago.", QuestionMeasure.Share, 1)]
    [InlineData("Just 2,140 addresses hold AGTF shares, and the ten largest account for 73% of the supply.", QuestionMeasure.Count, 1)]
    public void The_topic_words_beside_a_figure_of_the_kind_asked_are_its_own(string sentence, QuestionMeasure measure, int expected)
    {
        var terms = TextTokenizer.Tokenize("notional options hold").ToHashSet(StringComparer.Ordinal);

        Assert.Equal(expected, new QuotedSentence(sentence, 0, 0, terms, false).TermsNearFigure(terms, measure));
    }

    [Fact]
    public void The_figure_whose_own_words_name_what_is_asked_is_quoted_beside_a_sentence_with_more_topic_words()
    {
        var question = ArchiveQuestion.ParseOpen("how much notional expired in the september quarterly options expiry per delphi", Sources, 365);
        var terms = TextTokenizer.Tokenize(question.Topic).ToHashSet(StringComparer.Ordinal);

        var quote = ArchiveAnswerer.QuotedSentences([Passage(1, Expiry)], terms, question.AsksFigure, openingPassageId: 1, measure: question.Measure);

        Assert.Contains("$14.6 billion", quote, StringComparison.Ordinal);
    }

    [Fact]
    public void A_figure_in_a_passage_of_the_issue_beyond_the_quoted_ones_is_quoted_when_its_own_words_name_more_of_what_is_asked()
    {
        var question = ArchiveQuestion.ParseOpen("how much notional expired in the september quarterly options expiry per delphi", Sources, 365);
        var terms = TextTokenizer.Tokenize(question.Topic).ToHashSet(StringComparer.Ordinal);
        var quoted = Passage(2, "Bitcoin settled at $106,900, a little above the level at which option buyers as a whole would have lost the most, at the quarterly expiry.");
        var rest = Passage(3, "Deribit kept most of the book. By our count, $14.6 billion of bitcoin and ether options notional rolled off across venues.");

        var without = ArchiveAnswerer.QuotedSentences([quoted], terms, question.AsksFigure, openingPassageId: 1, measure: question.Measure);
        var with = ArchiveAnswerer.QuotedSentences([quoted], terms, question.AsksFigure, openingPassageId: 1, measure: question.Measure, rest: [rest]);

        Assert.DoesNotContain("$14.6 billion", without, StringComparison.Ordinal);
        Assert.StartsWith("Bitcoin settled at $106,900", with, StringComparison.Ordinal);
        Assert.Contains("… By our count, $14.6 billion", with, StringComparison.Ordinal);
    }

    private static IndexedPassage Passage(long id, string text) =>
        new(id, 1, "Delphi Digital", "Options Desk", null, ArchiveCorpus.Today, false, text, null);
}
