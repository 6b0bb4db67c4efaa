using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CryptoDigest.Storage;

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDigestDbContext>
{
    public SqliteDigestDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDigestDbContext>().UseSqlite("Data Source=design.db").Options);
}
