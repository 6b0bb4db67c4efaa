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
        // Every insert into the ledger fails (a database error that is not a duplicate), and bumps a sequence on its
        // way out: a sequence is not rolled back with the failed statement, so it counts the attempts.
        await ExecuteAsync(admin, """
            CREATE SEQUENCE ledger_refusals;
            CREATE FUNCTION refuse_claim() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM nextval('ledger_refusals');
                RAISE EXCEPTION 'the ledger is broken';
            END $$;
            CREATE TRIGGER refuse_claim BEFORE INSERT ON "ProcessedUpdates" FOR EACH STATEMENT EXECUTE FUNCTION refuse_claim();
            """);

        host.Api.AddMessage(7002, "/help");
        // The ledger tries three times before it gives up on a claim: three failed inserts, then the worker's wait.
        await WaitUntilAsync(async () => await RefusalsAsync(admin) >= 3, "three failed ledger claims");
        Assert.Empty(host.Api.DeliveredTo(7002));
        await ExecuteAsync(admin, """DROP TRIGGER refuse_claim ON "ProcessedUpdates" """);

        var reply = Assert.Single(await host.Api.WaitForMessagesAsync(7002));
        Assert.Contains("/brief", reply.PlainText, StringComparison.Ordinal);
    }

    private static async Task<long> RefusalsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM ledger_refusals", connection);
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
