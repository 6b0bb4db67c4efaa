using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CryptoDigest.Storage;

/// <summary>The embedded SQLite flavour of the database (migrations in Storage/Migrations/Sqlite).</summary>
public sealed class SqliteDigestDbContext(DbContextOptions<SqliteDigestDbContext> options) : DigestDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset text; store instants as sortable numbers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
