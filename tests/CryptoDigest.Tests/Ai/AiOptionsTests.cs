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

    [Fact]
    public void The_brief_keeps_a_tenth_of_the_budget_unless_a_reserve_is_named()
    {
        Assert.Equal(200_000, new AiOptions().EffectiveBriefReserve);
        Assert.Equal(0, new AiOptions { BriefReserveTokens = 0 }.EffectiveBriefReserve);
        Assert.Equal(500, new AiOptions { DailyTokenBudget = 1000, BriefReserveTokens = 500 }.EffectiveBriefReserve);
    }

    [Fact]
    public void A_reserve_as_large_as_the_budget_is_refused_naming_the_key()
    {
        var options = new AiOptions { DailyTokenBudget = 1000, BriefReserveTokens = 1000 };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Contains(errors, e => e.ErrorMessage!.StartsWith("AI:BriefReserveTokens (1000) must be below AI:DailyTokenBudget (1000)", StringComparison.Ordinal));
    }
}
