using CryptoDigest.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CryptoDigest.Host.Operations;

/// <summary>Ready once every chat platform switched on has answered the bot at start (<see cref="PlatformReadiness"/>).</summary>
public sealed class PlatformReadinessCheck(PlatformReadiness platforms) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(platforms.Waiting is { Count: > 0 } waiting
            ? HealthCheckResult.Unhealthy("not answered yet: " + string.Join(", ", waiting))
            : HealthCheckResult.Healthy());
}
