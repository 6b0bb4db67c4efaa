using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CryptoDigest.Storage;

/// <summary>
/// The embedded SQLite file's connection, built in this one place: the connection string, and the
/// settings every opened connection gets (write-ahead log, synchronous=NORMAL, a busy timeout).
/// docs/storage.md says why each one is chosen.
/// </summary>
public static class SqliteConnectionSetup
{
    /// <summary>The connection string for <see cref="StorageOptions.SqlitePath"/>, pooled, with the busy timeout as the command timeout too.</summary>
    public static string ConnectionString(StorageOptions options) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = options.SqlitePath,
            Pooling = true,
            // Microsoft.Data.Sqlite retries a busy statement until the command timeout: keep both waits the same.
            DefaultTimeout = options.SqliteBusyTimeoutSeconds,
        }.ToString();

    /// <summary>The statements run on every opened connection (the settings are per connection, except the journal mode, which the file keeps).</summary>
    public static string OpenStatements(StorageOptions options) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={options.SqliteBusyTimeoutSeconds * 1000};");
}
