using CryptoDigest.Summaries;

namespace CryptoDigest.Tests.Summaries;

public class LeadingTitleTests
{
    [Theory]
    [InlineData("Validators queue up for withdrawals after the upgrade. Queued validators fell by half.", "Validators queue up for withdrawals after the upgrade", "Queued validators fell by half.")]
    [InlineData("Bitcoin breaks out: spot demand lifted it above its old high.", "🥛 Bitcoin breaks out", "Spot demand lifted it above its old high.")]
    [InlineData("Staking after the upgrade — staking after the upgrade: a third of ether is staked.", "Staking after the upgrade", "A third of ether is staked.")]
    [InlineData("Bitcoin rose 5% as ETF inflows grew.", "Bitcoin", "Bitcoin rose 5% as ETF inflows grew.")]
    [InlineData("Ether lagged while bitcoin rallied.", "Bitcoin breaks out", "Ether lagged while bitcoin rallied.")]
    [InlineData("Staking after the upgrade", "Staking after the upgrade", "")]
    public void A_summary_loses_a_leading_repetition_of_its_title_and_keeps_a_sentence_that_merely_starts_with_a_word_of_it(string summary, string title, string expected)
    {
        Assert.Equal(expected, LeadingTitle.Remove(summary, title));
    }

    [Fact]
    public void The_extractive_summary_never_picks_the_headline_the_body_opens_with()
    {
        const string title = "Validators queue up for withdrawals after the upgrade";
        const string text = """
            Validators queue up for withdrawals after the upgrade

            Queued validators fell by half this week as the withdrawal backlog cleared.
            Liquid staking tokens now hold a third of all staked ether, up from a quarter in June.
            """;

        var summary = ExtractiveSummarizer.Summarize(text, title);

        Assert.StartsWith("Queued validators fell by half this week", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(title, summary, StringComparison.OrdinalIgnoreCase);
    }
}
