using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CryptoDigest.IntegrationTests.Storage;

[Collection(PostgresCollection.Name)]
public class MigrationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Migrations_apply_to_a_real_postgresql_and_create_every_table()
    {
        await using var db = await MigratedDatabaseAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select table_name from information_schema.tables where table_schema = 'public'", connection);
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Superset(new HashSet<string> { "Sources", "Articles", "Summaries", "Editions", "Subscriptions", "Deliveries" }, tables.ToHashSet());
    }

    [Fact]
    public async Task Duplicate_delivery_for_the_same_local_date_is_rejected()
    {
        await using var db = await MigratedDatabaseAsync();
        var subscription = NewSubscription("chat-1");
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync();
        var date = new DateOnly(2026, 11, 23);
        db.Deliveries.Add(new Delivery { SubscriptionId = subscription.Id, LocalDate = date, Status = DeliveryStatus.Sent });
        await db.SaveChangesAsync();

        await using var second = NewContext(db.Database.GetConnectionString()!);
        second.Deliveries.Add(new Delivery { SubscriptionId = subscription.Id, LocalDate = date, Status = DeliveryStatus.Pending });
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());

        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(error.InnerException).SqlState);
        second.ChangeTracker.Clear();
        second.Deliveries.Add(new Delivery { SubscriptionId = subscription.Id, LocalDate = date.AddDays(1), Status = DeliveryStatus.Pending });
        await second.SaveChangesAsync();
        Assert.Equal(2, await second.Deliveries.CountAsync());
    }

    [Fact]
    public async Task A_chat_has_at_most_one_subscription_per_thread()
    {
        await using var db = await MigratedDatabaseAsync();
        db.Subscriptions.Add(NewSubscription("-100123"));
        db.Subscriptions.Add(NewSubscription("-100123", threadId: "42"));
        await db.SaveChangesAsync();

        db.Subscriptions.Add(NewSubscription("-100123", threadId: "42"));
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    [Fact]
    public async Task An_article_is_unique_per_source_and_guid()
    {
        await using var db = await MigratedDatabaseAsync();
        var source = new NewsletterSource { Name = "Glassnode" };
        db.Sources.Add(source);
        await db.SaveChangesAsync();
        db.Articles.Add(new Article { SourceId = source.Id, Guid = "week-47", Title = "The Week On-Chain", ContentHash = "a" });
        await db.SaveChangesAsync();

        db.Articles.Add(new Article { SourceId = source.Id, Guid = "week-47", Title = "Repeated", ContentHash = "b" });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task The_db_migrate_verb_migrates_the_configured_postgresql()
    {
        var connectionString = await postgres.CreateDatabaseAsync();

        var run = await HostProcess.RunAsync(["db", "migrate"], new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = connectionString });

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("PostgreSQL database is up to date", run.StandardOutput, StringComparison.Ordinal);
        await using var db = NewContext(connectionString);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Sqlite_migrations_apply_to_the_embedded_default()
    {
        var folder = Directory.CreateTempSubdirectory("cryptodigest-sqlite-");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteDigestDbContext>().UseSqlite($"Data Source={Path.Combine(folder.FullName, "test.db")};Pooling=false").Options;
            await using var db = new SqliteDigestDbContext(options);
            await db.Database.MigrateAsync();
            var subscription = NewSubscription("console");
            db.Subscriptions.Add(subscription);
            await db.SaveChangesAsync();
            db.Deliveries.Add(new Delivery { SubscriptionId = subscription.Id, LocalDate = new DateOnly(2026, 1, 1) });
            db.Deliveries.Add(new Delivery { SubscriptionId = subscription.Id, LocalDate = new DateOnly(2026, 1, 1) });

            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private async Task<PostgresDigestDbContext> MigratedDatabaseAsync()
    {
        var db = NewContext(await postgres.CreateDatabaseAsync());
        await db.Database.MigrateAsync();
        return db;
    }

    private static PostgresDigestDbContext NewContext(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgresDigestDbContext>().UseNpgsql(connectionString).Options);

    private static Subscription NewSubscription(string chatId, string threadId = "") => new()
    {
        Platform = "Telegram",
        ChatId = chatId,
        ThreadId = threadId,
        DeliveryTime = new TimeOnly(8, 0),
        TimeZone = "UTC",
    };
}
