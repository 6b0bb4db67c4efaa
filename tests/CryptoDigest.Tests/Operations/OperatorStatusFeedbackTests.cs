using CryptoDigest.Feedback;
using CryptoDigest.Operations;

namespace CryptoDigest.Tests.Operations;

public class OperatorStatusFeedbackTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_operators_view_counts_the_weeks_votes_with_the_share_of_thumbs_up_and_the_reasons()
    {
        var status = Status(new FeedbackTally(Now.AddDays(-7), Up: 6, Down: 2, WrongFact: 1, NotRelevant: 0, TooLong: 1));

        var block = Assert.Single(OperatorStatusText.Blocks(status), b => b.Heading == "Feedback, last 7 days");

        Assert.Equal("6 👍, 2 👎 (75 % 👍).\nWhat was wrong: 1 wrong fact, 0 not relevant, 1 too long.", block.Text);
    }

    [Fact]
    public void A_week_without_votes_says_so_rather_than_a_share_of_nothing()
    {
        var status = Status(new FeedbackTally(Now.AddDays(-7), 0, 0, 0, 0, 0));

        var block = Assert.Single(OperatorStatusText.Blocks(status), b => b.Heading == "Feedback, last 7 days");

        Assert.Equal("No votes.", block.Text);
    }

    private static OperatorStatus Status(FeedbackTally votes) =>
        new(Now, [], null, null, new DeliveryCounts(0, 0, 0, 0), new OutboxStatus(0, 0, 0), new ModelTokenStatus(0, 0), new LinkScanCounters(0, 0, 0, 0), null, [])
        {
            Feedback = votes,
        };
}
