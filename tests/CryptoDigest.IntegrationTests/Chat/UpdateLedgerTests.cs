using CryptoDigest.Chat;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CryptoDigest.IntegrationTests.Chat;

/// <summary>The ledger takes an update once, and a database error other than "already taken" reaches the caller so the update is retried.</summary>
[Collection(PostgresCollection.Name)]
public class UpdateLedgerTests(PostgresFixture postgres)
{
    [Fact]
    public async Task On_postgresql_an_update_is_claimed_once_and_the_second_claim_is_refused()
    {
        await using var services = await ServicesAsync(("ConnectionStrings:Postgres", await postgres.CreateDatabaseAsync()));
        var ledger = services.GetRequiredService<UpdateLedger>();

        Assert.True(await ledger.TryClaimAsync(ChatPlatform.Telegram, 41, CancellationToken.None));
        Assert.False(await ledger.TryClaimAsync(ChatPlatform.Telegram, 41, CancellationToken.None));
        Assert.True(await ledger.TryClaimAsync(ChatPlatform.Discord, 41, CancellationToken.None));
    }

    [Fact]
    public async Task On_postgresql_an_error_other_than_a_duplicate_is_thrown_and_the_update_can_be_claimed_afterwards()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var services = await ServicesAsync(("ConnectionStrings:Postgres", connectionString));
        var ledger = services.GetRequiredService<UpdateLedger>();
        await ExecuteAsync(connectionString, """ALTER TABLE "ProcessedUpdates" RENAME TO "ProcessedUpdatesAway" """);

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => ledger.TryClaimAsync(ChatPlatform.Telegram, 42, CancellationToken.None));

        Assert.Equal(PostgresErrorCodes.UndefinedTable, Assert.IsType<PostgresException>(error.InnerException).SqlState);
        await ExecuteAsync(connectionString, """ALTER TABLE "ProcessedUpdatesAway" RENAME TO "ProcessedUpdates" """);
        Assert.True(await ledger.TryClaimAsync(ChatPlatform.Telegram, 42, CancellationToken.None));
    }

    [Fact]
    public async Task On_sqlite_a_duplicate_is_refused_but_a_locked_database_is_thrown_and_not_marked_as_taken()
    {
        var folder = Directory.CreateTempSubdirectory("cryptodigest-ledger-").FullName;
        try
        {
            var path = Path.Combine(folder, "ledger.db");
            // A short busy timeout, so the lock held below fails the claim at once instead of after 30 s.
            await using var services = await ServicesAsync(("Storage:SqlitePath", path), ("Storage:SqliteBusyTimeoutSeconds", "1"));
            var ledger = services.GetRequiredService<UpdateLedger>();
            Assert.True(await ledger.TryClaimAsync(ChatPlatform.Telegram, 1, CancellationToken.None));
            Assert.False(await ledger.TryClaimAsync(ChatPlatform.Telegram, 1, CancellationToken.None));

            await using (var holder = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                await holder.OpenAsync();
                await using var lockCommand = holder.CreateCommand();
                lockCommand.CommandText = "BEGIN EXCLUSIVE";
                await lockCommand.ExecuteNonQueryAsync();

                var error = await Assert.ThrowsAsync<DbUpdateException>(() => ledger.TryClaimAsync(ChatPlatform.Telegram, 2, CancellationToken.None));

                Assert.Equal(5, Assert.IsType<SqliteException>(error.InnerException).SqliteErrorCode); // SQLITE_BUSY
                lockCommand.CommandText = "ROLLBACK";
                await lockCommand.ExecuteNonQueryAsync();
            }

            // The retry (Telegram re-sends the update) is taken: the failed claim left nothing behind.
            Assert.True(await ledger.TryClaimAsync(ChatPlatform.Telegram, 2, CancellationToken.None));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task On_sqlite_a_claim_that_meets_a_lock_is_retried_and_taken_once_the_lock_is_gone()
    {
        var folder = Directory.CreateTempSubdirectory("cryptodigest-ledger-").FullName;
        try
        {
            var path = Path.Combine(folder, "ledger.db");
            var time = new SignallingTimeProvider();
            await using var services = await ServicesAsync(time, ("Storage:SqlitePath", path), ("Storage:SqliteBusyTimeoutSeconds", "1"));
            var ledger = services.GetRequiredService<UpdateLedger>();
            Task<bool> claim;
            await using (var holder = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                await holder.OpenAsync();
                await using var lockCommand = holder.CreateCommand();
                lockCommand.CommandText = "BEGIN EXCLUSIVE";
                await lockCommand.ExecuteNonQueryAsync();

                claim = ledger.TryClaimAsync(ChatPlatform.Telegram, 7, CancellationToken.None);
                // The first attempt met the lock and the ledger waits to retry.
                await time.TimerCreated.Task.WaitAsync(TimeSpan.FromSeconds(30));
                lockCommand.CommandText = "ROLLBACK";
                await lockCommand.ExecuteNonQueryAsync();
            }

            time.Advance(TimeSpan.FromSeconds(1));

            Assert.True(await claim.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.False(await ledger.TryClaimAsync(ChatPlatform.Telegram, 7, CancellationToken.None));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task On_postgresql_pruning_deletes_claims_older_than_three_days_and_keeps_newer_ones()
    {
        await AssertPrunesOldClaimsAsync(("ConnectionStrings:Postgres", await postgres.CreateDatabaseAsync()));
    }

    [Fact]
    public async Task On_sqlite_pruning_deletes_claims_older_than_three_days_and_keeps_newer_ones()
    {
        var folder = Directory.CreateTempSubdirectory("cryptodigest-ledger-").FullName;
        try
        {
            await AssertPrunesOldClaimsAsync(("Storage:SqlitePath", Path.Combine(folder, "ledger.db")));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // Half the claims four days ago, a quarter just inside the three days kept, the rest now; the
    // PruneEvery-th claim runs the prune, which must remove exactly the first half.
    private static async Task AssertPrunesOldClaimsAsync((string Key, string? Value) storage)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
        await using var services = await ServicesAsync(time, storage);
        var ledger = services.GetRequiredService<UpdateLedger>();
        const int old = UpdateLedger.PruneEvery / 2, recent = UpdateLedger.PruneEvery / 4;
        var updateId = 0L;
        for (var i = 0; i < old; i++)
        {
            Assert.True(await ledger.TryClaimAsync(ChatPlatform.Telegram, ++updateId, CancellationToken.None));
        }

        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        for (var i = 0; i < recent; i++)
        {
            Assert.True(await ledger.TryClaimAsync(ChatPlatform.Telegram, ++updateId, CancellationToken.None));
        }

        time.Advance(TimeSpan.FromDays(3) - TimeSpan.FromHours(2));
        for (var i = old + recent; i < UpdateLedger.PruneEvery; i++)
        {
            Assert.True(await ledger.TryClaimAsync(ChatPlatform.Telegram, ++updateId, CancellationToken.None));
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var kept = await db.ProcessedUpdates.Select(u => u.UpdateId).OrderBy(id => id).ToListAsync();
        Assert.Equal(Enumerable.Range(old + 1, UpdateLedger.PruneEvery - old).Select(id => (long)id), kept);
        // A pruned id is no longer remembered; a kept one still is.
        Assert.False(await ledger.TryClaimAsync(ChatPlatform.Telegram, old + 1, CancellationToken.None));
        Assert.True(await ledger.TryClaimAsync(ChatPlatform.Telegram, 1, CancellationToken.None));
    }

    private static Task<ServiceProvider> ServicesAsync(params (string Key, string? Value)[] settings) => ServicesAsync(TimeProvider.System, settings);

    private static Task<ServiceProvider> ServicesAsync(TimeProvider time, params (string Key, string? Value)[] settings) =>
        TestComposition.BuildMigratedAsync(settings, time);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Fake time that says when something starts waiting on it.</summary>
    private sealed class SignallingTimeProvider : FakeTimeProvider
    {
        public TaskCompletionSource TimerCreated { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            TimerCreated.TrySetResult();
            return timer;
        }
    }
}
