using Microsoft.EntityFrameworkCore;

namespace CryptoDigest.Storage;

/// <summary>The PostgreSQL flavour of the database (migrations in Storage/Migrations/Postgres).</summary>
public sealed class PostgresDigestDbContext(DbContextOptions<PostgresDigestDbContext> options) : DigestDbContext(options);
