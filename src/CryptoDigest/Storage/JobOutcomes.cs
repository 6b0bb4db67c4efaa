using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.Storage;

/// <summary>
/// Records how a recurring job's run ended (one <see cref="JobOutcome"/> row per job), so the operator's
/// /status and alerts can tell a job that keeps failing from one that failed once. Shared by every instance.
/// Bookkeeping only: an outcome that cannot be written is logged and never fails the job.
/// </summary>
public sealed partial class JobOutcomes(IServiceScopeFactory scopes, TimeProvider time, ILogger<JobOutcomes> logger)
{
    /// <summary>The run succeeded: the failure streak ends.</summary>
    public Task SucceededAsync(string name, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return UpsertAsync(
            name,
            row =>
            {
                row.LastSucceededAt = now;
                row.FailingSince = null;
                row.ConsecutiveFailures = 0;
            },
            cancellationToken);
    }

    /// <summary>The run failed with <paramref name="error"/> (a short description, no secrets).</summary>
    public Task FailedAsync(string name, string error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return UpsertAsync(
            name,
            row =>
            {
                row.LastFailedAt = now;
                row.FailingSince ??= now;
                row.ConsecutiveFailures++;
                row.LastError = error.Length <= 1000 ? error : error[..1000];
            },
            cancellationToken);
    }

    /// <summary>Every job's last outcome, by name.</summary>
    public async Task<IReadOnlyDictionary<string, JobOutcome>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        return await db.JobOutcomes.AsNoTracking().ToDictionaryAsync(j => j.Name, cancellationToken);
    }

    private async Task UpsertAsync(string name, Action<JobOutcome> change, CancellationToken cancellationToken)
    {
        try
        {
            await TryUpsertAsync(name, change, cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            LogNotRecorded(logger, name, ex.Message);
        }
    }

    // Two instances may record the first outcome of a job at once: the loser of the unique name reads the winner's row.
    private async Task TryUpsertAsync(string name, Action<JobOutcome> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
            var row = await db.JobOutcomes.FirstOrDefaultAsync(j => j.Name == name, cancellationToken);
            if (row is null)
            {
                row = new JobOutcome { Name = name };
                db.JobOutcomes.Add(row);
            }

            change(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Lost the race for the first row; the second attempt updates it.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outcome of the job {Job} could not be recorded: {Error}")]
    private static partial void LogNotRecorded(ILogger logger, string job, string error);
}
