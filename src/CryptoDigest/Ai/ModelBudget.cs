using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Ai;

/// <summary>
/// Records the tokens of every model call (for cost figures) and enforces AI:DailyTokenBudget:
/// once today's (UTC) total reaches it, summaries and briefs fall back to the offline path until
/// midnight UTC; member answers do so earlier, at the budget minus AI:BriefReserveTokens, so members
/// cannot spend what the daily brief needs. Shared by all instances through the database.
/// </summary>
public sealed partial class ModelBudget(IServiceScopeFactory scopes, IOptions<AiOptions> ai, TimeProvider time, ILogger<ModelBudget> logger)
{
    public async Task<bool> IsSpentAsync(CancellationToken cancellationToken)
    {
        var budget = ai.Value.DailyTokenBudget;
        if (budget <= 0)
        {
            return false;
        }

        return await UsedTodayAsync(cancellationToken) >= budget;
    }

    /// <summary>Whether member answers must go offline: today's use has reached the budget less the brief's reserve.</summary>
    public async Task<bool> IsSpentForAnswersAsync(CancellationToken cancellationToken)
    {
        var settings = ai.Value;
        if (settings.DailyTokenBudget <= 0)
        {
            return false;
        }

        return await UsedTodayAsync(cancellationToken) >= settings.DailyTokenBudget - settings.EffectiveBriefReserve;
    }

    public async Task<long> UsedTodayAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        return await db.ModelUsage.Where(u => u.Day == today).SumAsync(u => (long)u.InputTokens + u.OutputTokens, cancellationToken);
    }

    /// <summary>Stores one call's usage; a failure to record is logged and never fails the answer.</summary>
    public async Task RecordAsync(string model, int inputTokens, int outputTokens, CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
            db.ModelUsage.Add(new ModelUsage
            {
                Day = DateOnly.FromDateTime(now.UtcDateTime),
                Model = model.Length <= 200 ? model : model[..200],
                InputTokens = inputTokens,
                OutputTokens = outputTokens,
                CreatedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
            LogUsage(logger, model, inputTokens, outputTokens);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
        {
            LogNotRecorded(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model call on {Model}: {Input} input and {Output} output tokens")]
    private static partial void LogUsage(ILogger logger, string model, int input, int output);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A model call's token usage could not be recorded")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception);
}
