using System.CommandLine;
using CryptoDigest.Storage;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Host;

/// <summary>db migrate: applies the database migrations (whatever Storage:MigrateOnStart says) and exits.</summary>
internal static class DatabaseVerb
{
    public static Command Create(VerbConsole console)
    {
        var migrate = new Command("migrate", "apply database migrations") { TreatUnmatchedTokensAsErrors = false };
        migrate.SetAction((parsed, cancellationToken) => MigrateAsync([.. parsed.UnmatchedTokens], console, cancellationToken));
        var db = new Command("db") { migrate };
        db.TreatUnmatchedTokensAsErrors = false;
        db.SetAction(_ => console.Fail("db needs a sub-verb: db migrate"));
        return db;
    }

    private static async Task<int> MigrateAsync(string[] settings, VerbConsole console, CancellationToken cancellationToken)
    {
        using var host = CryptoDigestBuilder.CreateBuilder(settings, quiet: false).Build();
        await host.StartAsync(cancellationToken);
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var storage = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        await console.Output.WriteLineAsync(storage.UsesPostgres
            ? "The PostgreSQL database is up to date."
            : $"The SQLite database {Path.GetFullPath(storage.SqlitePath)} is up to date.");
        await host.StopAsync(cancellationToken);
        return HostCommandLine.Ok;
    }
}
