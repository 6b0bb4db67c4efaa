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

        var error = await Assert.ThrowsAsync<PostgresException>(() => ledger.TryClaimAsync(ChatPlatform.Telegram, 42, CancellationToken.None));

        Assert.Equal(PostgresErrorCodes.UndefinedTable, error.SqlState);
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

                var error = await Assert.ThrowsAsync<SqliteException>(() => ledger.TryClaimAsync(ChatPlatform.Telegram, 2, CancellationToken.None));

                Assert.Equal(5, error.SqliteErrorCode); // SQLITE_BUSY
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
    public async Task On_postgresql_two_instances_claiming_the_same_ids_at_once_win_each_id_exactly_once_in_fewer_inserts_than_claims()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var first = await ServicesAsync(("ConnectionStrings:Postgres", connectionString));
        await using var second = await ServicesAsync(("ConnectionStrings:Postgres", connectionString));
        // Counts the INSERT statements (a sequence keeps its count whatever the statement's transaction does).
        await ExecuteAsync(connectionString, """
            CREATE SEQUENCE ledger_inserts;
            CREATE FUNCTION count_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM nextval('ledger_inserts'); RETURN NULL; END $$;
            CREATE TRIGGER count_insert AFTER INSERT ON "ProcessedUpdates" FOR EACH STATEMENT EXECUTE FUNCTION count_insert();
            """);

        var wins = await ClaimFromBothAsync(first, second);

        AssertEachIdWonOnce(wins);
        // Without group commit every claim is an INSERT of its own: 2 × Ids of them.
        Assert.InRange(await ScalarAsync(connectionString, "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM ledger_inserts"), 2, Ids / 2);
        Assert.Equal(Ids, await ScalarAsync(connectionString, """SELECT count(*) FROM "ProcessedUpdates" """));
    }

    [Fact]
    public async Task On_sqlite_two_instances_on_one_file_claiming_the_same_ids_at_once_win_each_id_exactly_once()
    {
        var folder = Directory.CreateTempSubdirectory("cryptodigest-ledger-").FullName;
        try
        {
            var path = Path.Combine(folder, "ledger.db");
            await using var first = await ServicesAsync(("Storage:SqlitePath", path));
            await using var second = await ServicesAsync(("Storage:SqlitePath", path));

            var wins = await ClaimFromBothAsync(first, second);

            AssertEachIdWonOnce(wins);
            await using var scope = first.CreateAsyncScope();
            Assert.Equal(Ids, await scope.ServiceProvider.GetRequiredService<DigestDbContext>().ProcessedUpdates.CountAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task On_postgresql_the_same_id_claimed_many_times_at_once_is_won_by_exactly_one_claim()
    {
        await using var services = await ServicesAsync(("ConnectionStrings:Postgres", await postgres.CreateDatabaseAsync()));
        var ledger = services.GetRequiredService<UpdateLedger>();

        // Interleaved with other ids, so the copies share batches with claims that must still win.
        var claims = Enumerable.Range(0, 600).Select(i => (Id: i % 2 == 0 ? 77L : 1000L + i, Claim: ledger.TryClaimAsync(ChatPlatform.Telegram, i % 2 == 0 ? 77 : 1000 + i, CancellationToken.None))).ToList();
        var results = await Task.WhenAll(claims.Select(c => c.Claim));

        Assert.Equal(1, claims.Zip(results).Count(c => c.First.Id == 77 && c.Second));
        Assert.All(claims.Zip(results).Where(c => c.First.Id != 77), c => Assert.True(c.Second));
        Assert.False(await ledger.TryClaimAsync(ChatPlatform.Telegram, 77, CancellationToken.None));
    }

    [Fact]
    public async Task On_sqlite_the_same_id_claimed_many_times_at_once_is_won_by_exactly_one_claim()
    {
        var folder = Directory.CreateTempSubdirectory("cryptodigest-ledger-").FullName;
        try
        {
            await using var services = await ServicesAsync(("Storage:SqlitePath", Path.Combine(folder, "ledger.db")));
            var ledger = services.GetRequiredService<UpdateLedger>();

            var results = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => ledger.TryClaimAsync(ChatPlatform.Telegram, 5, CancellationToken.None)));

            Assert.Single(results, won => won);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task On_postgresql_a_batch_that_meets_an_error_other_than_a_duplicate_fails_every_claim_in_it_and_later_claims_are_taken()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var services = await ServicesAsync(("ConnectionStrings:Postgres", connectionString));
        var ledger = services.GetRequiredService<UpdateLedger>();
        Assert.True(await ledger.TryClaimAsync(ChatPlatform.Telegram, 1, CancellationToken.None));
        await ExecuteAsync(connectionString, """ALTER TABLE "ProcessedUpdates" RENAME TO "ProcessedUpdatesAway" """);

        // The already-taken id too: with the table gone nobody can say it is taken, so it fails like the rest.
        var claims = Enumerable.Range(1, 300).Select(id => ledger.TryClaimAsync(ChatPlatform.Telegram, id, CancellationToken.None)).ToList();
        foreach (var claim in claims)
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => claim);
            Assert.Equal(PostgresErrorCodes.UndefinedTable, error.SqlState);
        }

        await ExecuteAsync(connectionString, """ALTER TABLE "ProcessedUpdatesAway" RENAME TO "ProcessedUpdates" """);
        var again = await Task.WhenAll(Enumerable.Range(1, 300).Select(id => ledger.TryClaimAsync(ChatPlatform.Telegram, id, CancellationToken.None)));
        Assert.Equal(Enumerable.Range(1, 300).Select(id => id != 1), again);
    }

    [Fact]
    public async Task A_claim_whose_caller_stopped_waiting_before_its_batch_was_written_is_not_recorded()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var services = await ServicesAsync(("ConnectionStrings:Postgres", connectionString));
        var ledger = services.GetRequiredService<UpdateLedger>();
        var writes = services.GetRequiredService<DatabaseDialect>().ConcurrentLedgerWrites;
        await using var blocker = new NpgsqlConnection(connectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        // Holds the keys of updates 1..writes, so every write the ledger may have under way waits on a lock while the
        // next claim queues behind them.
        await using (var insert = new NpgsqlCommand("""INSERT INTO "ProcessedUpdates" ("Platform", "UpdateId", "ReceivedAt") SELECT 'Telegram', g, now() FROM generate_series(1, $1) AS g""", blocker, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = writes });
            await insert.ExecuteNonQueryAsync();
        }

        var waiting = new List<Task<bool>>();
        for (var id = 1; id <= writes; id++)
        {
            waiting.Add(ledger.TryClaimAsync(ChatPlatform.Telegram, id, CancellationToken.None));
            await WaitForLockWaitsAsync(connectionString, id);
        }

        using var cancel = new CancellationTokenSource();
        var abandoned = ledger.TryClaimAsync(ChatPlatform.Telegram, 100, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        await transaction.RollbackAsync();

        Assert.All(await Task.WhenAll(waiting), Assert.True);
        Assert.Equal(0, await ScalarAsync(connectionString, """SELECT count(*) FROM "ProcessedUpdates" WHERE "UpdateId" = 100"""));
        Assert.True(await ledger.TryClaimAsync(ChatPlatform.Telegram, 100, CancellationToken.None));
    }

    private const int Ids = 600;

    // Both instances claim ids 1..Ids at once, each in its own shuffled order, so copies meet both within and across batches.
    private static async Task<IReadOnlyList<(long Id, bool Won)>> ClaimFromBothAsync(ServiceProvider first, ServiceProvider second)
    {
        var claims = new List<(long Id, Task<bool> Claim)>();
        foreach (var (services, seed) in new[] { (first, 1), (second, 2) })
        {
            var ledger = services.GetRequiredService<UpdateLedger>();
            var ids = Enumerable.Range(1, Ids).ToArray();
            new Random(seed).Shuffle(ids);
            foreach (var id in ids)
            {
                claims.Add((id, ledger.TryClaimAsync(ChatPlatform.Telegram, id, CancellationToken.None)));
            }
        }

        await Task.WhenAll(claims.Select(c => c.Claim));
        return [.. claims.Select(c => (c.Id, c.Claim.Result))];
    }

    private static void AssertEachIdWonOnce(IReadOnlyList<(long Id, bool Won)> claims)
    {
        Assert.Equal(2 * Ids, claims.Count);
        Assert.All(claims.GroupBy(c => c.Id), id => Assert.Single(id, c => c.Won));
        Assert.Equal(Ids, claims.Select(c => c.Id).Distinct().Count());
    }

    private static async Task WaitForLockWaitsAsync(string connectionString, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await ScalarAsync(connectionString, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()") < count)
        {
            timeout.Token.ThrowIfCancellationRequested();
            await Task.Delay(20, timeout.Token);
        }
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
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

    [Fact]
    public async Task On_postgresql_a_stored_update_is_taken_over_once_after_the_wait_and_never_after_it_is_done()
    {
        await AssertTakeOverAsync(("ConnectionStrings:Postgres", await postgres.CreateDatabaseAsync()));
    }

    [Fact]
    public async Task On_sqlite_a_stored_update_is_taken_over_once_after_the_wait_and_never_after_it_is_done()
    {
        var folder = Directory.CreateTempSubdirectory("cryptodigest-ledger-").FullName;
        try
        {
            await AssertTakeOverAsync(("Storage:SqlitePath", Path.Combine(folder, "ledger.db")));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task AssertTakeOverAsync((string Key, string? Value) storage)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
        await using var first = await ServicesAsync(time, storage);
        await using var second = await ServicesAsync(time, storage);
        var ledger = first.GetRequiredService<UpdateLedger>();
        Assert.True(await ledger.TryClaimAsync(ChatPlatform.Telegram, 1, """{"update_id":1}""", CancellationToken.None));
        Assert.False(await ledger.TryClaimAsync(ChatPlatform.Telegram, 1, """{"update_id":1,"copy":true}""", CancellationToken.None));
        Assert.True(await ledger.TryClaimAsync(ChatPlatform.Telegram, 2, """{"update_id":2}""", CancellationToken.None));
        Assert.True(await ledger.TryClaimAsync(ChatPlatform.Telegram, 3, CancellationToken.None));
        await ledger.MarkDoneAsync(ChatPlatform.Telegram, 2, CancellationToken.None);

        // Not yet stale: nothing is taken.
        Assert.Empty(await ledger.TakeOverUnansweredAsync(ChatPlatform.Telegram, time.GetUtcNow(), CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(3));
        var cutoff = time.GetUtcNow() - TimeSpan.FromMinutes(1);
        var both = await Task.WhenAll(
            ledger.TakeOverUnansweredAsync(ChatPlatform.Telegram, cutoff, CancellationToken.None),
            second.GetRequiredService<UpdateLedger>().TakeOverUnansweredAsync(ChatPlatform.Telegram, cutoff, CancellationToken.None));

        // Only the first copy's body, only the update never done, only once between the two instances.
        Assert.Equal("""{"update_id":1}""", Assert.Single(both.SelectMany(b => b)));
        Assert.Empty(await ledger.TakeOverUnansweredAsync(ChatPlatform.Telegram, cutoff, CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(3));
        await ledger.MarkDoneAsync(ChatPlatform.Telegram, 1, CancellationToken.None);
        Assert.Empty(await ledger.TakeOverUnansweredAsync(ChatPlatform.Telegram, time.GetUtcNow(), CancellationToken.None));
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
