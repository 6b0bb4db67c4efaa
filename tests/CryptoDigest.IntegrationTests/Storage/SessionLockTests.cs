using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Storage;

/// <summary>
/// The dialect's session lock, the seam behind "only one instance polls Telegram". PostgreSQL's advisory
/// lock is shown by TelegramPollingLeaseTests (two instances on one database); this is SQLite's side.
/// </summary>
[Collection(PostgresCollection.Name)]
public class SessionLockTests(PostgresFixture postgres)
{
    private const long LockKey = 0x544553544C4B;

    [Fact]
    public async Task On_sqlite_the_one_process_always_gets_the_session_lock()
    {
        var folder = Directory.CreateTempSubdirectory("cryptodigest-lock-").FullName;
        try
        {
            await using var services = await ServicesAsync(("Storage:SqlitePath", Path.Combine(folder, "lock.db")));
            await using var scope = services.CreateAsyncScope();
            var dialect = scope.ServiceProvider.GetRequiredService<DatabaseDialect>();
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();

            await using var first = await dialect.TryTakeSessionLockAsync(db, LockKey, CancellationToken.None);
            await using var second = await dialect.TryTakeSessionLockAsync(db, LockKey, CancellationToken.None);

            Assert.NotNull(first);
            Assert.NotNull(second);
            Assert.True(await first.IsStillHeldAsync(CancellationToken.None));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task On_postgres_a_second_session_is_refused_until_the_first_releases_the_lock()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var services = await ServicesAsync(("ConnectionStrings:Postgres", connectionString));
        await using var firstScope = services.CreateAsyncScope();
        await using var secondScope = services.CreateAsyncScope();
        var dialect = services.GetRequiredService<DatabaseDialect>();
        var firstDb = firstScope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var secondDb = secondScope.ServiceProvider.GetRequiredService<DigestDbContext>();

        var first = await dialect.TryTakeSessionLockAsync(firstDb, LockKey, CancellationToken.None);
        Assert.NotNull(first);
        Assert.Null(await dialect.TryTakeSessionLockAsync(secondDb, LockKey, CancellationToken.None));

        await first.DisposeAsync();
        await using var second = await dialect.TryTakeSessionLockAsync(secondDb, LockKey, CancellationToken.None);

        Assert.NotNull(second);
    }

    private static Task<ServiceProvider> ServicesAsync(params (string Key, string? Value)[] settings) => TestComposition.BuildMigratedAsync(settings);
}
