using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Telegram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CryptoDigest.IntegrationTests.Telegram;

/// <summary>Several Host instances on one PostgreSQL: only the one holding the lease long-polls.</summary>
[Collection(PostgresCollection.Name)]
public class TelegramPollingLeaseTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Only_one_instance_holds_the_polling_lease_and_another_takes_over_when_it_is_released()
    {
        var database = new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = await postgres.CreateDatabaseAsync() };
        await using var first = await TelegramTestHost.StartAsync(postgres, database, start: false);
        await using var second = await TelegramTestHost.StartAsync(postgres, database, start: false);
        var firstLease = first.Services.GetRequiredService<TelegramPollingLease>();
        var secondLease = second.Services.GetRequiredService<TelegramPollingLease>();

        var held = await firstLease.TryAcquireAsync(CancellationToken.None);
        Assert.NotNull(held);
        Assert.True(await held.IsStillHeldAsync(CancellationToken.None));
        Assert.Null(await secondLease.TryAcquireAsync(CancellationToken.None));

        await held.DisposeAsync();
        await using var takenOver = await secondLease.TryAcquireAsync(CancellationToken.None);

        Assert.NotNull(takenOver);
        Assert.Null(await firstLease.TryAcquireAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_lost_lease_is_noticed_within_the_check_interval_without_asking_the_database_between_polls()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var host = await TelegramTestHost.StartAsync(postgres, new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = connectionString }, start: false);
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var lease = new TelegramPollingLease(host.Services.GetRequiredService<IServiceScopeFactory>(), time, NullLogger<TelegramPollingLease>.Instance);
        await using var held = await lease.TryAcquireAsync(CancellationToken.None);
        Assert.NotNull(held);

        // The lock's connection dies, as when PostgreSQL restarts or a network drops it.
        await using (var admin = new NpgsqlConnection(connectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid()", admin);
            Assert.Equal(1L, await kill.ExecuteScalarAsync());
        }

        var beforeTheInterval = await held.IsStillHeldAsync(CancellationToken.None);
        time.Advance(TelegramPollingLease.CheckInterval);

        Assert.True(beforeTheInterval); // not asked: between polls the database is not asked more than every 30 s
        Assert.False(await held.IsStillHeldAsync(CancellationToken.None));
    }
}
