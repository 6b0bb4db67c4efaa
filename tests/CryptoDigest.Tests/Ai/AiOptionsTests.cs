using CryptoDigest.Ai;

namespace CryptoDigest.Tests.Ai;

public class AiOptionsTests
{
    [Fact]
    public void Spend_is_bounded_by_default()
    {
        var defaults = new AiOptions();

        Assert.Equal(2_000_000, defaults.DailyTokenBudget);
        Assert.Equal(20, defaults.AnswersPerMemberPerHour);
        Assert.Equal(100, defaults.AnswersPerChatPerHour);
        Assert.Equal(4, defaults.MaxToolCallsPerQuestion);
    }
}
