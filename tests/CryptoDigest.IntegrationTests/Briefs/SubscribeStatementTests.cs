using System.Collections.Concurrent;
using System.Data.Common;
using CryptoDigest.Chat;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Briefs;

/// <summary>
/// /subscribe on the embedded SQLite file, counting the statements it sends: a community's burst of
/// /subscribe is thousands of these at once against one writer, so each does one read and one write.
/// </summary>
public sealed class SubscribeStatementTests : IAsyncLifetime
{
    private readonly StatementLog _statements = new();
    private SqliteTestApp _app = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _app = await SqliteTestApp.StartAsync(interceptor: _statements);
        _services = _app.Services;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Subscribing_a_new_chat_reads_once_and_inserts_once_and_subscribing_again_reads_once_and_updates_once()
    {
        var router = _services.GetRequiredService<ChatRouter>();

        _statements.Clear();
        var subscribed = await router.HandleAsync(Request("/subscribe 09:30 Europe/Berlin"), CancellationToken.None);
        var first = _statements.Verbs();
        _statements.Clear();
        var changed = await router.HandleAsync(Request("/subscribe 10:15"), CancellationToken.None);
        var second = _statements.Verbs();

        Assert.StartsWith("Subscribed: this chat gets the daily brief at 09:30 Europe/Berlin", subscribed.ToString(), StringComparison.Ordinal);
        Assert.Equal(["SELECT", "INSERT"], first);
        // The zone is the chat's last one, kept from the first /subscribe.
        Assert.StartsWith("Subscribed: this chat gets the daily brief at 10:15 Europe/Berlin", changed.ToString(), StringComparison.Ordinal);
        Assert.Equal(["SELECT", "UPDATE"], second);
        await using var scope = _services.CreateAsyncScope();
        var row = Assert.Single(await scope.ServiceProvider.GetRequiredService<DigestDbContext>().Subscriptions.ToListAsync());
        Assert.Equal(new TimeOnly(10, 15), row.DeliveryTime);
        Assert.True(row.Active);
    }

    private static ChatRequest Request(string text) =>
        ChatRequest.FromText(ChatPlatform.Telegram, "9100", "9100", isChatAdmin: true, ChatCommandParser.Parse(text, "CryptoDigestBot"));

    /// <summary>The first word of every statement EF Core sends.</summary>
    private sealed class StatementLog : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _verbs = new();

        public void Clear() => _verbs.Clear();

        public List<string> Verbs() => [.. _verbs];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Record(DbCommand command) =>
            _verbs.Enqueue(command.CommandText.TrimStart().Split([' ', '\n', '\r'], 2)[0].ToUpperInvariant());
    }
}
