using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CryptoDigest.Host.Operations;

/// <summary>
/// Liveness and readiness, for probes and load balancers: /healthz/live answers while the process serves;
/// /healthz/ready runs the checks tagged <see cref="ReadyTag"/> (the database, this instance's jobs server,
/// the chat platforms) and answers 503 while one fails. /healthz stays the plain "ok" it always was.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The tag of the checks readiness runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>The readiness checks that need no jobs server: the database and the chat platforms.</summary>
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseReadinessCheck>();
        services.AddHealthChecks()
            .AddCheck<DatabaseReadinessCheck>("database", tags: [ReadyTag])
            .AddCheck<PlatformReadinessCheck>("platforms", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Maps /healthz/live and /healthz/ready.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return endpoints;
    }
}
