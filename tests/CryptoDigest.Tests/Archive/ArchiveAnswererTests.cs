using CryptoDigest.Archive;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Archive;

/// <summary>
/// Answers from the archive on the fixed corpus (<see cref="ArchiveCorpus"/>, with the local model's vectors):
/// quotes attributed to their issue, coverage counted per newsletter, and abstention before anything related
/// when a name is not mentioned or nothing is relevant.
/// </summary>
public class ArchiveAnswererTests
{
    private const float MinSimilarity = 0.35f;
    private static readonly string[] Sources = ["Glassnode", "Kaiko Research", "The Block", "Hashrate Index", "Security Weekly", "Messari"];

    [Fact]
    public void A_named_newsletter_is_quoted_with_its_issue_date_and_link()
    {
        var reply = Answer("what did glassnode say about exchange balances");

        var quote = reply.Blocks[1];
        Assert.Equal("Glassnode · 3 Dec 2026 · Exchange balances slide", quote.Heading);
        // A short best sentence is quoted with the one after it.
        Assert.Equal("“Bitcoin held on exchanges fell to 2.3 million BTC this week, the lowest level since 2018. Withdrawals to self-custody wallets outpaced deposits for a third straight week.”", quote.Text);
        var citation = Assert.Single(quote.Citations);
        Assert.Equal("Glassnode, 3 Dec 2026", citation.Title);
        Assert.Equal(new Uri("https://news.example.com/1"), citation.Url);
        Assert.All(reply.Blocks.Skip(1), b => Assert.StartsWith("Glassnode", b.Heading, StringComparison.Ordinal));
    }

    [Fact]
    public void A_piece_found_by_meaning_is_quoted_from_its_own_newsletter()
    {
        var reply = Answer("find that kaiko piece on thin markets at the weekend");

        Assert.Equal("Kaiko Research · 26 Nov 2026 · Weekend liquidity", reply.Blocks[1].Heading);
        Assert.Equal(new Uri("https://news.example.com/2"), reply.Blocks[1].Citations[0].Url);
    }

    [Fact]
    public void Coverage_counts_the_newsletters_that_wrote_about_it_and_gives_one_line_each()
    {
        var reply = Answer("what do the newsletters say about bitcoin", words: true);

        Assert.Equal("2 of 6 newsletters wrote about “bitcoin”, 7 Oct – 6 Dec:", reply.Blocks[0].Text);
        Assert.Equal(["Glassnode (1 issue)", "The Block (1 issue)"], reply.Blocks.Skip(1).Select(b => b.Heading!).Order(StringComparer.Ordinal));
        Assert.All(reply.Blocks.Skip(1), b => Assert.Single(b.Citations));
    }

    [Fact]
    public void An_uncovered_name_is_said_first_with_the_window_searched()
    {
        var reply = Answer("what did the newsletters say about the FTX collapse");

        Assert.Equal("The newsletters I read do not cover FTX: I searched the issues of 7 Oct – 6 Dec.", reply.Blocks[0].Text);
        Assert.DoesNotContain(reply.Blocks, b => b.Text.Contains("FTX", StringComparison.Ordinal) && b != reply.Blocks[0]);
    }

    [Theory]
    [InlineData("what did security weekly write about the exodus wallet", "exodus")]
    [InlineData("any newsletter on phantom wallet phishing", "phantom")]
    [InlineData("what did the newsletters say about near protocol staking", "near")]
    public void A_crypto_name_that_is_an_english_word_typed_in_lower_case_is_an_uncovered_name(string question, string name)
    {
        var reply = Answer(question);

        Assert.Contains($"do not cover {name}", reply.Blocks[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_the_passages_mention_is_answered()
    {
        var reply = Answer("any piece on BlackRock this week");

        Assert.Equal("The Block · 5 Dec 2026 · ETF flows", reply.Blocks[1].Heading);
        Assert.Contains("BlackRock", reply.Blocks[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_relevant_says_so_and_offers_nothing_made_up()
    {
        var reply = Answer("what did the newsletters say about banana bread recipes");

        var block = Assert.Single(reply.Blocks);
        Assert.Equal("The newsletters I read do not cover “banana bread recipes”: I searched the issues of 7 Oct – 6 Dec.", block.Text);
    }

    [Fact]
    public void A_newsletter_with_no_issues_held_says_so()
    {
        var reply = Answer("what did messari write about staking");

        Assert.Equal("I hold no Messari issues from the last 365 days, so I cannot say what they wrote about “staking”.", reply.ToString());
    }

    [Theory]
    [InlineData("is bitcoin safe to hold on an exchange")]
    [InlineData("what is the top 10 index")]
    [InlineData("is there a security issue with my hardware wallet")]
    [InlineData("how is hashrate measured")]
    public void Index_and_security_questions_are_not_archive_questions(string question)
    {
        Assert.Null(ArchiveQuestion.Parse(question, Sources, 365));
    }

    [Theory]
    [InlineData("what did glassnode say about exchange balances", "exchange balances", "Glassnode", false, 365)]
    [InlineData("what do the newsletters think about etf flows", "etf flows", null, true, 365)]
    [InlineData("find that kaiko piece on liquidity", "liquidity", "Kaiko Research", false, 365)]
    [InlineData("What did Glassnode's latest issue say?", "", "Glassnode", false, 365)]
    [InlineData("anything on funding rates this week", "funding rates", null, false, 7)]
    [InlineData("what did the block write last week about miners", "miners", "The Block", false, 14)]
    public void Newsletter_questions_are_read_for_topic_newsletter_and_window(string question, string topic, string? source, bool coverage, int days)
    {
        var parsed = ArchiveQuestion.Parse(question, Sources, 365);

        Assert.NotNull(parsed);
        Assert.Equal((topic, source, coverage, days), (parsed.Topic, parsed.Source, parsed.Coverage, parsed.Days));
    }

    [Fact]
    public void Names_are_capitalised_words_tickers_and_words_with_digits()
    {
        var parsed = ArchiveQuestion.Parse("What do the newsletters say about Bybit, ETF and L2 fees", Sources, 365);

        Assert.Equal(["Bybit", "ETF", "L2"], parsed!.Names);
    }

    [Fact]
    public void A_newsletter_name_typed_loosely_is_left_out_of_the_topic_and_a_quarter_is_no_name()
    {
        var parsed = ArchiveQuestion.Parse("what did lyn aldn say about Q1 after the cut", ["Lyn Alden", "Glassnode"], 365);

        Assert.Equal("Lyn Alden", parsed!.Source);
        Assert.Equal("Q1 after cut", parsed.Topic);
        Assert.Empty(parsed.Names);
    }

    [Fact]
    public void What_the_letters_say_asks_the_newsletters_for_coverage_and_letters_alone_is_no_cue()
    {
        var parsed = ArchiveQuestion.Parse("what do the letters say abt the etf buying", Sources, 365);

        Assert.True(parsed!.Coverage);
        Assert.Equal("etf buying", parsed.Topic);
        Assert.Null(ArchiveQuestion.Parse("how many letters are in a seed phrase", Sources, 365));
    }

    [Fact]
    public void An_ordinary_word_before_chain_is_a_two_word_name()
    {
        var parsed = ArchiveQuestion.Parse("any news on verity chain's mainnet launch", Sources, 365);

        Assert.Contains("verity chain", parsed!.Names);
    }

    [Theory]
    [InlineData("2026-12-01", "1–6 Dec")]
    [InlineData("2026-11-26", "26 Nov – 6 Dec")]
    [InlineData("2025-11-01", "1 Nov 2025 – 6 Dec 2026")]
    [InlineData("2026-12-06", "6 Dec")]
    public void The_window_is_written_short(string start, string expected)
    {
        var from = DateTimeOffset.Parse(start + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, ArchiveAnswerer.Window(from, ArchiveCorpus.Today.AddHours(9)));
    }

    private static ChatReply Answer(string question, bool words = false)
    {
        var corpus = ArchiveCorpus.Instance;
        var parsed = ArchiveQuestion.Parse(question, Sources, 365) ?? throw new InvalidOperationException("not an archive question");
        var snapshot = words ? corpus.WordsOnly : corpus.WithVectors;
        var vector = words || parsed.Topic.Length == 0 ? null : corpus.Embed(parsed.Topic);
        return ArchiveAnswerer.Compose(parsed, snapshot, vector, MinSimilarity, Sources.Length, ArchiveCorpus.Today);
    }
}
