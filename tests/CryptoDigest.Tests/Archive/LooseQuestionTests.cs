using CryptoDigest.Archive;
using CryptoDigest.Knowledge;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Archive;

/// <summary>
/// Questions as members type them about long, mixed newsletter issues: newsletter names typed loosely, cues that ask
/// what was published, two-word names of projects, and quotes that carry the sentence holding the fact.
/// </summary>
public class LooseQuestionTests
{
    private static readonly string[] Sources = ["Glassnode", "Delphi Digital", "Milk Road", "Lyn Alden", "Coin Metrics", "The Defiant"];

    [Theory]
    [InlineData("glasnode said something abt the cost basis", "Glassnode")]
    [InlineData("wat are delphis predictions for next yr", "Delphi Digital")]
    [InlineData("that frog coin milkroad wrote about", "Milk Road")]
    [InlineData("why did btc dump according to lyn", "Lyn Alden")]
    [InlineData("find that defiant piece on aave v4", "The Defiant")]
    public void A_newsletter_typed_loosely_is_still_the_newsletter(string question, string source)
    {
        Assert.Equal(source, ArchiveQuestion.Parse(question, Sources, 365)?.Source);
    }

    [Theory]
    [InlineData("are ai agent coins dead lol")]
    [InlineData("how many coins are there")]
    public void A_generic_word_of_a_name_is_no_newsletter(string question)
    {
        Assert.Null(ArchiveQuestion.ParseOpen(question, Sources, 365).Source);
    }

    [Theory]
    [InlineData("did anyone write about a bridge getting drained recently")]
    [InlineData("someone posted numbers on saturday volume")]
    [InlineData("any news on near protocol lately")]
    [InlineData("where was btc trading at the end of 2021 per these letters")]
    public void Asking_what_was_published_is_a_question_about_the_newsletters(string question)
    {
        Assert.NotNull(ArchiveQuestion.Parse(question, Sources, 365));
    }

    [Fact]
    public void A_word_before_a_naming_noun_is_a_name_held_together_but_a_describing_word_is_not()
    {
        Assert.Contains("near protocol", ArchiveQuestion.ParseOpen("any news on near protocol lately", Sources, 365).Names);
        Assert.Empty(ArchiveQuestion.ParseOpen("how does a staking protocol work", Sources, 365).Names);
    }

    [Fact]
    public void A_word_the_issues_hold_is_their_topic_not_a_newsletter_typed_loosely()
    {
        var issueWords = IndexedVocabulary.Of(["Halden Mining switched off part of its fleet."]);

        Assert.Equal("Lyn Alden", ArchiveQuestion.ParseOpen("how much did halden mining stock pump", Sources, 365).Source);
        var parsed = ArchiveQuestion.ParseOpen("how much did halden mining stock pump", Sources, 365, issueWords);

        Assert.Null(parsed.Source);
        Assert.Contains("halden", parsed.Topic, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("any news on the ashgrove bitcoin etf filing?", "ashgrove etf")]
    [InlineData("whats the harbor stablecoin paying rn", "harbor")]
    public void An_issuer_before_its_kind_of_product_is_a_name(string question, string name)
    {
        var vocabulary = new IndexedVocabulary();
        vocabulary.Set("archive", IndexedVocabulary.Of(["The Ashgrove Treasury Fund reached $3.1 billion."]));
        var names = ArchiveQuestion.ParseOpen(question, Sources, 365).Names.Union(NameWords.Find(question, vocabulary, kindNamed: true));

        Assert.Contains(name, names);
    }

    [Fact]
    public void Chat_shorthand_and_month_abbreviations_are_read_for_the_topic()
    {
        var parsed = ArchiveQuestion.ParseOpen("wat was mvrv at the bottom of the nov dump rn", Sources, 365);

        Assert.Equal("mvrv at bottom November dump", parsed.Topic);
        Assert.Empty(parsed.Names);
        Assert.Equal("chief executive tollard", ArchiveQuestion.ParseOpen("whos the ceo of tollard", Sources, 365).Topic);
    }

    [Theory]
    [InlineData("how much eth left restaking", true)]
    [InlineData("what level was the cost basis", true)]
    [InlineData("why is the exit queue so long", false)]
    public void A_question_asking_for_a_figure_is_told_apart(string question, bool asksFigure)
    {
        Assert.Equal(asksFigure, ArchiveQuestion.ParseOpen(question, Sources, 365).AsksFigure);
    }

    [Fact]
    public void The_quote_prefers_the_body_and_a_figure_and_takes_the_sentence_after_a_short_one()
    {
        var opening = Passage(1, "Aave v4 is finally on mainnet and lending keeps growing. Here is your briefing.");
        var body = Passage(2, "Aave v4 launched on mainnet on October 14. The new design uses a hub-and-spoke model with separate risk settings.");
        var terms = TextTokenizer.Tokenize("aave v4").ToHashSet(StringComparer.Ordinal);

        var quote = ArchiveAnswerer.QuotedSentences([opening, body], terms, asksFigure: false, openingPassageId: 1);

        Assert.StartsWith("Aave v4 launched on mainnet on October 14. The new design uses a hub-and-spoke model", quote, StringComparison.Ordinal);
    }

    [Fact]
    public void The_quote_adds_the_sentence_holding_what_the_first_lacks()
    {
        var passage = Passage(1, "The market for tokenized Treasury products crossed $11.4 billion this quarter, up from $7 billion in the spring. Growth came from DeFi collateral. BlackRock's BUIDL fund remains the largest at $3.1 billion.");
        var terms = TextTokenizer.Tokenize("big tokenized treasury market buidl").ToHashSet(StringComparer.Ordinal);

        var quote = ArchiveAnswerer.QuotedSentences([passage], terms, asksFigure: true);

        Assert.Contains("$11.4 billion", quote, StringComparison.Ordinal);
        Assert.Contains("$3.1 billion", quote, StringComparison.Ordinal);
    }

    [Fact]
    public void A_question_asking_who_quotes_the_sentence_naming_a_person()
    {
        var passage = Passage(1, "The Ostrevan fork split the validator set after a vote on the upgrade to a tail emission of 1.5% a year. Stake backing the Ostrevan upgrade reached 66% before the fork. The core team's lead, Petra Lindqvist, argued that fees alone could not pay for security. Holders who wanted fixed supply kept the old chain running.");
        var question = ArchiveQuestion.ParseOpen("who pushed the ostrevan fork upgrade", Sources, 365);
        var terms = TextTokenizer.Tokenize(question.Topic).ToHashSet(StringComparer.Ordinal);

        var quote = ArchiveAnswerer.QuotedSentences([passage], terms, question.AsksFigure, asksPerson: question.AsksPerson);

        Assert.True(question.AsksPerson);
        Assert.Contains("Petra Lindqvist", quote, StringComparison.Ordinal);
    }

    [Theory]
    // The role asked about is written another way ("Founder", "CEO", "The auditor"), and another person is named nearby.
    [InlineData("who founded bramley trading", "Bramley Trading will wind down its market making over 60 days. Founder Oswin Carrow said the returns no longer justified the capital. A rival's head of trading, Mirela Dunn, said clients would move by year end.", "Oswin Carrow")]
    [InlineData("who actually did the kelso audit", "Kelso published its first full audit on Thursday, and the results are mixed, with reserves ahead of supply but a large block of loans to an affiliate. Lenders cut its collateral weight the next day. The auditor, Brisco & Hale, confirmed reserves of US$2.1bn.", "Brisco & Hale")]
    [InlineData("whos the ceo of thornbury", "Thornbury listed on Nasdaq on Thursday, and its shares rose 30% by the close after pricing above the marketed range. Thornbury's chief financial officer, Lena Okafor, said the listing raised US$1.1bn. CEO Ansel Varga rang the opening bell.", "Ansel Varga")]
    [InlineData("whats the bexley ceo's name", "Bexley cut fees again this week. Bexley's CEO, Maren Holt, said the cut would stay.", "Maren Holt")]
    [InlineData("what's the ceo of bexley called", "Bexley cut fees again this week. Bexley's CEO, Maren Holt, said the cut would stay.", "Maren Holt")]
    [InlineData("wetherby founder, whats his name", "Wetherby's volumes fell after its founder was detained on Wednesday. The detention of Wetherby founder Tobin Marsh in Lisbon triggered large outflows.", "Tobin Marsh")]
    public void A_question_asking_who_quotes_the_person_named_by_the_role_asked_about(string asked, string text, string person)
    {
        var question = ArchiveQuestion.ParseOpen(asked, Sources, 365);
        var terms = TextTokenizer.Tokenize(question.Topic).ToHashSet(StringComparer.Ordinal);

        var quote = ArchiveAnswerer.QuotedSentences([Passage(1, text)], terms, question.AsksFigure, asksPerson: question.AsksPerson);

        Assert.True(question.AsksPerson);
        Assert.Contains(person, quote, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Founder Oswin Carrow said the returns were too thin.", "who founded bramley", "found")]
    [InlineData("The auditor, Brisco & Hale, confirmed reserves.", "who did the kelso audit", "audit")]
    [InlineData("CEO Ansel Varga rang the opening bell.", "whos the ceo of thornbury", "chief executive")]
    [InlineData("Traders sold into the close.", "what did trading look like", "trad")]
    public void A_sentence_holds_the_words_its_shorthand_stands_for_and_those_its_doers_are_named_from(string sentence, string asked, string held)
    {
        var terms = TextTokenizer.Tokenize(ArchiveQuestion.ParseOpen(asked, Sources, 365).Topic).ToHashSet(StringComparer.Ordinal);

        var found = QuotedSentence.TermsIn(sentence, terms);

        Assert.All(held.Split(' '), term => Assert.Contains(TextTokenizer.Stem(term), found));
    }

    [Fact]
    public void A_question_asking_who_quotes_first_the_issue_naming_a_person_beside_the_topic()
    {
        var snapshot = new ArchiveSnapshot(
        [
            new IndexedPassage(1, 1, "Glassnode", "The quantum scare", null, ArchiveCorpus.Today.AddDays(-5), false, "The Scoresby proposal would move coins with exposed keys. The Scoresby proposal has no date yet, and the Scoresby proposal's critics want an opt-out.", null),
            new IndexedPassage(2, 2, "Delphi Digital", "Options desk", null, ArchiveCorpus.Today.AddDays(-4), false, "Options on bitcoin repriced after the quantum headline. Our head of research, Dalia Morven, expects the Scoresby proposal to stall.", null),
            new IndexedPassage(3, 3, "Coin Metrics", "Counting exposed coins", null, ArchiveCorpus.Today.AddDays(-6), false, "On Thursday the developer Imogen Tarrant circulated what is now called the Scoresby proposal. It would freeze the oldest coins.", null),
        ], "v1");
        var question = ArchiveQuestion.ParseOpen("who wrote the scoresby proposal", Sources, 365, snapshot.Vocabulary);

        var reply = ArchiveAnswerer.Find(question, snapshot, null, 0.35f, Sources.Length, ArchiveCorpus.Today).Offline;

        Assert.Contains("Imogen Tarrant", reply.Blocks[1].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lowest btc went in the quantum selloff back in august?")]
    [InlineData("whats the max bug bounty hatherleigh offers now")]
    public void An_extreme_asked_about_asks_for_a_figure(string question)
    {
        Assert.True(ArchiveQuestion.ParseOpen(question, Sources, 365).AsksFigure);
    }

    [Theory]
    [InlineData("Founder Caspar Wedderburn said the business no longer paid.", true)]
    [InlineData("The auditor, Lindqvist & Rowe, confirmed the reserves.", true)]
    [InlineData("The Reserve Bank of New Zealand raised its rate.", false)]
    [InlineData("Coin Metrics counted 38,700 withdrawals in October.", false)]
    public void A_person_is_two_capitalised_words_of_no_english_list(string sentence, bool namesPerson)
    {
        Assert.Equal(namesPerson, new QuotedSentence(sentence, 0, 0, new HashSet<string>(), false).NamesPerson);
    }

    [Fact]
    public void The_archive_answers_a_question_without_a_cue_only_when_it_is_closer_than_the_knowledge_base()
    {
        var question = ArchiveQuestion.ParseOpen("why is the eth exit queue so long", Sources, 365);
        var hit = new ArchiveHit(1, "Glassnode", "Exit queue", null, ArchiveCorpus.Today, false, 1, "text", "text", 1);
        var archive = new ArchiveFindings(question, true, [hit], "1–6 Dec", 6, ChatReply.Text("quotes")) { Similarity = 0.5f, WordShare = 1 };
        var abstaining = new KnowledgeAnswer("q", []) { NothingRelevant = true };
        var closer = new KnowledgeAnswer("q", []) { Similarity = 0.6f, Coverage = 1 };
        var further = new KnowledgeAnswer("q", []) { Similarity = 0.4f, Coverage = 1 };

        Assert.True(ArchiveAnswerer.AnswersBetter(archive, abstaining));
        Assert.False(ArchiveAnswerer.AnswersBetter(archive, closer));
        Assert.True(ArchiveAnswerer.AnswersBetter(archive, further));
        Assert.False(ArchiveAnswerer.AnswersBetter(archive with { Issues = [] }, abstaining));
    }

    [Theory]
    [InlineData("any update on the mt gox repayments")]
    [InlineData("did mt gox ever fix the repayments thing ppl were mad abt")]
    public void News_asked_of_a_name_no_issue_holds_declines_even_where_the_knowledge_base_tells_its_history(string asked)
    {
        var snapshot = new ArchiveSnapshot([Passage(1, "Exchange balances kept falling, and repayments from old bankruptcies were small this week.")], "v1");
        var question = ArchiveQuestion.ParseOpen(asked, Sources, 365, snapshot.Vocabulary);
        var history = new KnowledgeAnswer("q", [new AnswerPassage(KnowledgeTopic.Security, "Mt. Gox hack (2014): what happened?", "Mt. Gox lost 850,000 BTC in 2014.", "guide", 1)]) { Similarity = 0.9f, Coverage = 1 };

        var findings = ArchiveAnswerer.Find(question, snapshot, null, 0.35f, Sources.Length, ArchiveCorpus.Today);

        Assert.True(findings.AsksNews);
        Assert.True(ArchiveAnswerer.AnswersBetter(findings, history));
    }

    private static IndexedPassage Passage(long id, string text) =>
        new(id, 1, "The Defiant", "DeFi Digest", null, ArchiveCorpus.Today, false, text, null);
}
