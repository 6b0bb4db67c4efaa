using CryptoDigest.Telemetry;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Ai;

/// <summary>
/// cryptodigest_model_budget_remaining_tokens: what is left of AI:DailyTokenBudget today (UTC), across all
/// instances; no series when there is no budget. Summed in the database at most once per <see cref="CachedReading{T}.MaxAge"/>.
/// </summary>
public sealed class ModelBudgetGauge : IBotGauge
{
    private readonly IOptions<AiOptions> _ai;
    private readonly CachedReading<long> _remaining;

    public ModelBudgetGauge(ModelBudget budget, IOptions<AiOptions> ai, TimeProvider time)
    {
        _ai = ai;
        _remaining = new CachedReading<long>(async ct => Math.Max(0, ai.Value.DailyTokenBudget - await budget.UsedTodayAsync(ct)), time);
    }

    // The unit is the name's suffix: the Prometheus exporter appends it, giving ..._remaining_tokens.
    public string Name => "cryptodigest.model.budget.remaining";

    public string Unit => "tokens";

    public string Description => "Model tokens left of today's AI:DailyTokenBudget (UTC day).";

    public long? Read() => _ai.Value.DailyTokenBudget > 0 ? _remaining.Read() : null;
}
