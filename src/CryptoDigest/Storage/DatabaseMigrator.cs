using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Storage;

/// <summary>
/// Applies pending migrations, inside the provider's execution strategy so a PostgreSQL that is
/// still starting (docker compose) is retried rather than fatal. Several instances starting
/// at once are safe: EF Core 9+ takes a database lock around migrations.
/// </summary>
public sealed partial class DatabaseMigrator(IServiceScopeFactory scopes, IOptions<StorageOptions> options, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.UsesPostgres)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(options.Value.SqlitePath));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(ct => db.Database.MigrateAsync(ct), cancellationToken);
        LogMigrated(logger, pending.Count, options.Value.UsesPostgres ? "PostgreSQL" : "SQLite");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s) to {Provider}")]
    private static partial void LogMigrated(ILogger logger, int count, string provider);
}
