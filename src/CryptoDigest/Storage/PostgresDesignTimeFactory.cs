using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CryptoDigest.Storage;

// Used only by `dotnet ef migrations add`: no database is contacted, so placeholder
// connection strings are enough to pick each provider's SQL generator.

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDigestDbContext>
{
    public PostgresDigestDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDigestDbContext>().UseNpgsql("Host=localhost;Database=cryptodigest").Options);
}
