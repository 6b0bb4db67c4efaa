using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CryptoDigest.Storage;

/// <summary>Runs <see cref="SqliteConnectionSetup.OpenStatements"/> on each connection EF Core opens.</summary>
internal sealed class SqliteOpenInterceptor(StorageOptions options) : DbConnectionInterceptor
{
    private readonly string _statements = SqliteConnectionSetup.OpenStatements(options);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _statements;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _statements;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
