using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Telegram;
using Microsoft.Extensions.DependencyInjection;

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
}
