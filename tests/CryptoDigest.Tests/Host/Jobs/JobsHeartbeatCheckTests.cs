using CryptoDigest.Host.Jobs;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace CryptoDigest.Tests.Host.Jobs;

/// <summary>Readiness asks for this instance's Hangfire server by its name, and for a recent heartbeat.</summary>
public sealed class JobsHeartbeatCheckTests : IDisposable
{
    private readonly InMemoryStorage _storage = new();
    private readonly JobsServerName _name = new();
    private readonly BackgroundJobServer _server;

    public JobsHeartbeatCheckTests() =>
        _server = new BackgroundJobServer(new BackgroundJobServerOptions { ServerName = _name.Value, WorkerCount = 1 }, _storage);

    [Fact]
    public async Task This_instances_running_server_is_ready_and_another_instances_name_is_not()
    {
        var ours = new JobsHeartbeatCheck(_storage, _name, TimeProvider.System);
        var another = new JobsHeartbeatCheck(_storage, new JobsServerName(), TimeProvider.System);

        await WaitUntilAsync(async () => (await CheckAsync(ours)).Status == HealthStatus.Healthy);

        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(another)).Status);
    }

    [Fact]
    public async Task A_heartbeat_older_than_90_seconds_is_not_ready()
    {
        var now = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var check = new JobsHeartbeatCheck(_storage, _name, now);
        await WaitUntilAsync(async () => (await CheckAsync(check)).Status == HealthStatus.Healthy);

        now.Advance(JobsHeartbeatCheck.MaxHeartbeatAge + TimeSpan.FromMinutes(1));

        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(check)).Status);
    }

    public void Dispose()
    {
        _server.Dispose();
        _storage.Dispose();
    }

    private static Task<HealthCheckResult> CheckAsync(JobsHeartbeatCheck check) => check.CheckHealthAsync(new HealthCheckContext());

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
