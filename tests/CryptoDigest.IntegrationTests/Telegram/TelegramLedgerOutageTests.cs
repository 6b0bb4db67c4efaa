using CryptoDigest.IntegrationTests.Infrastructure;
using Npgsql;

namespace CryptoDigest.IntegrationTests.Telegram;

/// <summary>
/// A database that cannot take the update ledger's claim (down, locked, a broken table) delays a
/// member's command; it never drops it, since a polled or webhook update is not sent again.
/// </summary>
[Collection(PostgresCollection.Name)]
public class TelegramLedgerOutageTests(PostgresFixture postgres)
{
    [Fact]
    public async Task An_update_whose_ledger_claim_fails_is_answered_once_the_database_takes_claims_again()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres);
        host.Api.AddMessage(7001, "/help");
        await host.Api.WaitForMessagesAsync(7001);
        await using var admin = new NpgsqlConnection(host.ConnectionString);
        await admin.OpenAsync();
        var rollbacksBefore = await RollbacksAsync(admin);
        await ExecuteAsync(admin, "ALTER TABLE \"ProcessedUpdates\" RENAME TO \"ProcessedUpdatesAway\"");

        host.Api.AddMessage(7002, "/help");
        // The ledger tries three times before it gives up on a claim: three failed inserts, then the worker's wait.
        await WaitUntilAsync(async () => await RollbacksAsync(admin) - rollbacksBefore >= 3, "three failed ledger claims");
        Assert.Empty(host.Api.DeliveredTo(7002));
        await ExecuteAsync(admin, "ALTER TABLE \"ProcessedUpdatesAway\" RENAME TO \"ProcessedUpdates\"");

        var reply = Assert.Single(await host.Api.WaitForMessagesAsync(7002));
        Assert.Contains("/brief", reply.PlainText, StringComparison.Ordinal);
    }

    private static async Task<long> RollbacksAsync(NpgsqlConnection connection)
    {
        // Statistics are read fresh in every transaction; clear any snapshot this session cached.
        await ExecuteAsync(connection, "SELECT pg_stat_clear_snapshot()");
        await using var command = new NpgsqlCommand("SELECT xact_rollback FROM pg_stat_database WHERE datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"waited 60 s for {what}");
            }

            await Task.Delay(50);
        }
    }
}
