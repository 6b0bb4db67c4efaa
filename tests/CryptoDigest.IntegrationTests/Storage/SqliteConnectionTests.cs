using CryptoDigest.Chat;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Storage;

/// <summary>The embedded SQLite file as the bot's real composition opens it.</summary>
public sealed class SqliteConnectionTests : IAsyncLifetime
{
    private SqliteTestApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await SqliteTestApp.StartAsync(new Dictionary<string, string?> { ["Storage:SqliteBusyTimeoutSeconds"] = "20" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Every_connection_runs_in_wal_mode_with_synchronous_normal_and_the_configured_busy_timeout()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        await db.Database.OpenConnectionAsync();

        Assert.Equal("wal", await ScalarAsync(db, "PRAGMA journal_mode"));
        // synchronous: 0 OFF, 1 NORMAL, 2 FULL.
        Assert.Equal("1", await ScalarAsync(db, "PRAGMA synchronous"));
        Assert.Equal("20000", await ScalarAsync(db, "PRAGMA busy_timeout"));
        Assert.Contains("Default Timeout=20", db.Database.GetConnectionString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_another_connection_holds_the_write_lock_a_reading_command_is_answered_and_a_writing_one_waits_and_is_answered()
    {
        var router = _app.Services.GetRequiredService<ChatRouter>();
        await using var holder = new SqliteConnection($"Data Source={_app.DatabasePath};Pooling=false");
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            // In WAL mode an immediate transaction holds the file's one write lock until it ends.
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }

        var subscribing = Task.Run(() => router.HandleAsync(Request("/subscribe 09:30 UTC"), CancellationToken.None));

        // WAL: readers are not blocked by the writer, so this answers while the lock is still held.
        var subscribeShown = await router.HandleAsync(Request("/subscribe", chatId: "other-chat"), CancellationToken.None);
        Assert.Contains("/subscribe", subscribeShown.ToString(), StringComparison.Ordinal);
        Assert.False(subscribing.IsCompleted, "the writing command finished while another connection held the write lock");

        await using (var commit = holder.CreateCommand())
        {
            commit.CommandText = "COMMIT";
            await commit.ExecuteNonQueryAsync();
        }

        var reply = await subscribing.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith("Subscribed:", reply.ToString(), StringComparison.Ordinal);
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        Assert.Equal(1, await db.Subscriptions.CountAsync(s => s.ChatId == "chat-1" && s.Active));
    }

    private static ChatRequest Request(string text, string chatId = "chat-1") =>
        ChatRequest.FromText(ChatPlatform.Telegram, chatId, "user-1", isChatAdmin: true, ChatCommandParser.Parse(text, "CryptoDigestBot"));

    private static async Task<string?> ScalarAsync(DigestDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
