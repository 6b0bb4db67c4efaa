namespace CryptoDigest.Operations;

/// <summary>Model tokens used today (UTC) against AI:DailyTokenBudget (0: no budget).</summary>
public sealed record ModelTokenStatus(long UsedToday, long DailyBudget)
{
    /// <summary>The share of the budget used, in percent, rounded down; null without a budget.</summary>
    public int? PercentUsed => DailyBudget > 0 ? (int)Math.Min(int.MaxValue, UsedToday * 100 / DailyBudget) : null;
}
