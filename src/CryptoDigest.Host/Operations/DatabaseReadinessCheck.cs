using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CryptoDigest.Host.Operations;

/// <summary>
/// Ready when the database answers and has no pending migration. The answer is kept for
/// <see cref="MaxAge"/> so frequent probes cost one query per interval, and each query gives up after
/// <see cref="QueryTimeout"/>: readiness turns within seconds of the database going away or coming back.
/// </summary>
public sealed class DatabaseReadinessCheck(IServiceScopeFactory scopes, TimeProvider time) : IHealthCheck
{
    /// <summary>How long an answer is reused.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    /// <summary>How long one check waits for the database.</summary>
    public static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(4);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (HealthCheckResult Result, DateTimeOffset At)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } last && time.GetUtcNow() - last.At < MaxAge)
            {
                return last.Result;
            }

            var result = await QueryAsync(cancellationToken);
            _last = (result, time.GetUtcNow());
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<HealthCheckResult> QueryAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(QueryTimeout);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync(timeout.Token)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{pending} migration(s) not applied (db migrate)");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("the database does not answer: " + ex.GetType().Name);
        }
    }
}
