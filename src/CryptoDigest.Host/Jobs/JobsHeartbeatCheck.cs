using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CryptoDigest.Host.Jobs;

/// <summary>
/// Ready while this instance's Hangfire server (named by <see cref="JobsServerName"/>) has sent a heartbeat
/// within <see cref="MaxHeartbeatAge"/>; Hangfire beats every 30 s, so two beats may be missed.
/// </summary>
public sealed class JobsHeartbeatCheck(JobStorage storage, JobsServerName server, TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan MaxHeartbeatAge = TimeSpan.FromSeconds(90);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var ours = storage.GetMonitoringApi().Servers()
            .Where(s => s.Name.StartsWith(server.Value, StringComparison.OrdinalIgnoreCase))
            .Select(s => s.Heartbeat)
            .Max();
        if (ours is not { } heartbeat)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("this instance's jobs server has not announced itself"));
        }

        var age = time.GetUtcNow().UtcDateTime - DateTime.SpecifyKind(heartbeat, DateTimeKind.Utc);
        return Task.FromResult(age <= MaxHeartbeatAge
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"the jobs server's last heartbeat was {age.TotalSeconds:0} s ago"));
    }
}
