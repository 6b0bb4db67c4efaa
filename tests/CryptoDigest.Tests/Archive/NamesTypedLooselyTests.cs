using CryptoDigest.Archive;

namespace CryptoDigest.Tests.Archive;

/// <summary>
/// Names a member types loosely (misspelt, with an English ending, without the apostrophe) are held by the issue that
/// writes them properly; a project the issue calls another kind of thing, and news about a name no issue holds, are not.
/// </summary>
public class NamesTypedLooselyTests
{
    private static readonly string[] Sources = ["Bankless", "The Defiant", "Milk Road"];

    [Theory]
    [InlineData("ashborne token is out, what are restakers getting paid per bankless", "Ashbourne switched on its token this week. Restakers who back its first services now earn between 1.9% and 3.4% on top of normal staking.", "3.4%")]
    [InlineData("what are the slashable services on ashbourne paying per bankless", "Ashbourne switched on slashing for its first three services. Those services pay between 1.9% and 3.4% on top of normal staking.", "3.4%")]
    // "going in" is also searched as "inflows", which this issue never writes.
    [InlineData("what did bankless say about the embervale reserve fund going in", "Embervale's reserve fund is what covers negative funding. That fund held about $61 million going into the weekend.", "$61 million")]
    public void A_misspelt_name_a_word_formed_from_the_issues_or_one_added_to_the_search_is_no_name_the_issue_lacks(string question, string text, string figure)
    {
        var reply = Answer(question, text);

        Assert.DoesNotContain("do not cover", reply, StringComparison.Ordinal);
        Assert.Contains(figure, reply, StringComparison.Ordinal);
    }

    [Fact]
    public void The_newsletters_own_name_names_no_thing_it_wrote_about()
    {
        string[] sources = ["Coin Metrics", "Messari"];
        var snapshot = new ArchiveSnapshot(
        [
            new IndexedPassage(1, 1, "Coin Metrics", "State of the Network: Nine Hours", null, ArchiveCorpus.Today.AddDays(-3), false, "The Farrowdale Pool outage lasted 9 hours and 12 minutes, from its last block to its first.", null),
            new IndexedPassage(2, 2, "Messari", "Chain Report: Oakhanger in Q2", null, ArchiveCorpus.Today.AddDays(-5), false, "Average daily transactions on Oakhanger rose 54% to 3.8 million.", null),
        ], "v1");

        string Reply(string question) => string.Join("\n", ArchiveAnswerer.Find(ArchiveQuestion.Parse(question, sources, 365, snapshot.Vocabulary)!, snapshot, null, 0.35f, sources.Length, ArchiveCorpus.Today).Offline.Blocks.Select(b => b.Text));

        Assert.DoesNotContain("do not cover", Reply("farrowdale pool outage how long exactly? coin metrics had the precise number"), StringComparison.Ordinal);
        Assert.Contains("9 hours and 12 minutes", Reply("farrowdale pool outage how long exactly? coin metrics had the precise number"), StringComparison.Ordinal);
        Assert.DoesNotContain("messari chain", ArchiveQuestion.Parse("oakhanger daily txs in q2, messari chain report", sources, 365)!.Names);
        Assert.DoesNotContain("do not cover", Reply("oakhanger daily txs in q2, messari chain report"), StringComparison.Ordinal);
        Assert.Contains("3.8 million", Reply("oakhanger daily txs in q2, messari chain report"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("whos the tollard ceo that said customers wont lose anything", "Tollard chief executive Dagny Ferreira said that no customer would lose funds.", "Dagny Ferreira")]
    [InlineData("what did bankless say the lp vault lost in that one hour", "The liquidity provider vault lost $18.5 million, or about 7% of its value, in a single hour.", "$18.5 million")]
    public void Shorthand_for_words_the_issue_writes_out_names_nothing_it_lacks(string question, string text, string fact)
    {
        var reply = Answer(question, text);

        Assert.DoesNotContain("do not cover", reply, StringComparison.Ordinal);
        Assert.Contains(fact, reply, StringComparison.Ordinal);
    }

    [Fact]
    public void The_issue_naming_the_token_asked_about_is_quoted_before_one_telling_the_story_in_general_words()
    {
        var snapshot = new ArchiveSnapshot(
        [
            new IndexedPassage(1, 1, "Coin Metrics", "The shutdown, counted", null, ArchiveCorpus.Today.AddDays(-3), false, "The shutdown hit hard. When the news dropped, users rushed to the bridge, and the dump of deposits was the steepest we have counted: 38,700 withdrawals in a month.", null),
            new IndexedPassage(2, 2, "The Defiant", "DeFi Digest", null, ArchiveCorpus.Today.AddDays(-9), false, "Holders took it hard once the shutdown was announced: GRZ fell 63% within hours.", null),
        ], "v1");
        var question = ArchiveQuestion.ParseOpen("how hard did grz dump when the shutdown news dropped", ["Coin Metrics", "The Defiant"], 365, snapshot.Vocabulary);

        var reply = string.Join("\n", ArchiveAnswerer.Find(question, snapshot, null, 0.35f, 2, ArchiveCorpus.Today).Offline.Blocks.Select(b => b.Text));

        Assert.Contains("63%", reply, StringComparison.Ordinal);
        Assert.True(reply.IndexOf("63%", StringComparison.Ordinal) < reply.IndexOf("38,700", StringComparison.Ordinal) || !reply.Contains("38,700", StringComparison.Ordinal), reply);
    }

    [Fact]
    public void A_project_asked_about_as_a_protocol_is_held_by_an_issue_naming_the_project()
    {
        var reply = Answer("what did bankless say the merged pellworth protocol earns in fees", "On our numbers, the merged protocol earns about US$96 million a year in fees. Roughly 60% of that comes from the swap pools that Pellworth brought to the deal.");

        Assert.DoesNotContain("do not cover", reply, StringComparison.Ordinal);
        Assert.Contains("US$96 million", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_typed_with_a_possessive_is_still_a_name_the_issue_must_hold()
    {
        var reply = Answer("did bankless say anything about brantwood's zero fee etf", "Harlow cut the fee on its spot bitcoin ETF to zero, and its fund drew $310 million in the week.");

        Assert.Contains("do not cover brantwood", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("news on the corsham bridge exploit, did they get the funds back", "Corsham Lend, a lending market with $1.3 billion in deposits, listed the token as collateral within hours of its launch.", false)]
    [InlineData("how much eth ran for the exit on kettlebys bridge", "Kettleby's bridge saw 41,000 ETH withdrawn the day after it went down, most of it within six hours.", true)]
    [InlineData("how much got drained out of halverd bridge", "The bridge Halvard, which links three rollups, was drained of $187 million on Sunday.", true)]
    [InlineData("the marrick chain halted last week, for how long", "The Marrick network, a young layer 1, halted for 52 minutes on Tuesday before validators restarted it.", true)]
    public void A_bridge_or_chain_asked_about_is_held_only_where_the_issue_calls_the_project_one(string question, string text, bool held)
    {
        var reply = Answer(question, text);

        Assert.Equal(!held, reply.Contains("do not cover", StringComparison.Ordinal));
    }

    [Fact]
    public void A_kind_typed_in_the_singular_is_held_by_the_issue_writing_it_in_the_plural()
    {
        var reply = Answer("agent token market cap before and after the kittiwake hack", "After the Kittiwake hack, the combined market capitalisation of agent tokens fell from $6.8 billion to $5.2 billion.");

        Assert.DoesNotContain("do not cover", reply, StringComparison.Ordinal);
        Assert.Contains("$5.2 billion", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void A_common_word_before_a_word_for_a_thing_names_nothing()
    {
        var reply = Answer("how many token projects did farleton have loan deals with", "Farleton had token loan agreements with 43 projects when it wound down its market making.");

        Assert.DoesNotContain("do not cover", reply, StringComparison.Ordinal);
        Assert.Contains("43 projects", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("did the bank of canada cut rates last month, by how much", "Flows from Canada were flat. The People's Bank of China cut the reserve requirement ratio by 50 basis points.", false)]
    [InlineData("did the bank of england step in, how big was the facility", "The Bank of England stepped in with a £12 billion facility to buy long-dated gilts.", true)]
    public void A_central_bank_asked_about_is_held_only_where_the_issue_names_that_bank(string question, string text, bool held)
    {
        var reply = Answer(question, text);

        Assert.Equal(!held, reply.Contains("do not cover", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("delfi said the pboc cut frees up how much liquidity", "Delphi Digital")]
    [InlineData("bitcoin options oi record at the end of aug per delfi", "Delphi Digital")]
    public void A_newsletter_spelt_as_it_sounds_is_that_newsletter(string question, string source)
    {
        Assert.Equal(source, ArchiveQuestion.Parse(question, ["Delphi Digital", "Bankless", "The Defiant"], 365)?.Source);
    }

    [Fact]
    public void Asking_for_the_latest_on_a_name_no_issue_holds_is_asking_what_happened_to_it()
    {
        var snapshot = Snapshot("Wallet drainers went after multisig signers again this week, taking 1,870 ETH from three treasuries.");
        var question = ArchiveQuestion.ParseOpen("whats the latest on the lantern wallet, is it legit", Sources, 365);

        var findings = ArchiveAnswerer.Find(question, snapshot, null, 0.35f, Sources.Length, ArchiveCorpus.Today);

        Assert.False(findings.Answers);
        Assert.True(findings.AsksNamedEvent);
    }

    private static string Answer(string question, string text)
    {
        var parsed = ArchiveQuestion.Parse(question, Sources, 365) ?? ArchiveQuestion.ParseOpen(question, Sources, 365);
        var reply = ArchiveAnswerer.Find(parsed, Snapshot(text), null, 0.35f, Sources.Length, ArchiveCorpus.Today).Offline;
        return string.Join("\n", reply.Blocks.Select(b => b.Text));
    }

    private static ArchiveSnapshot Snapshot(string text) =>
        new([new IndexedPassage(1, 1, "Bankless", "This week in DeFi", null, ArchiveCorpus.Today.AddDays(-3), false, text, null)], "v1");
}
