using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace CryptoDigest.Storage;

/// <summary>
/// Where the data lives. <c>ConnectionStrings:Postgres</c> (environment: ConnectionStrings__Postgres)
/// switches to PostgreSQL; without it the bot keeps a SQLite file (section "Storage").
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";
    public const string PostgresConnectionStringName = "Postgres";

    /// <summary>The SQLite file used when no PostgreSQL is configured, relative to the working directory.</summary>
    [Required(ErrorMessage = "Storage:SqlitePath must not be empty.")]
    public string SqlitePath { get; set; } = "data/cryptodigest.db";

    /// <summary>
    /// How long a SQLite statement waits for another connection's write lock before it fails with "database is locked".
    /// Writes take milliseconds, so a wait this long only runs out when something is stuck.
    /// </summary>
    [Range(1, 300, ErrorMessage = "Storage:SqliteBusyTimeoutSeconds must be between 1 and 300.")]
    public int SqliteBusyTimeoutSeconds { get; set; } = 30;

    /// <summary>Bound from ConnectionStrings:Postgres, not from this section.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Apply pending migrations when the bot starts (the `db migrate` verb always does).</summary>
    public bool MigrateOnStart { get; set; } = true;

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesPostgres)
        {
            yield break;
        }

        string? error = null;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                error = "it names no Host";
            }
        }
        catch (ArgumentException ex)
        {
            // The message names the offending keyword, never the password's value.
            error = ex.Message;
        }

        if (error is not null)
        {
            yield return new ValidationResult($"ConnectionStrings:Postgres is not a valid PostgreSQL connection string: {error}", [nameof(PostgresConnectionString)]);
        }
    }
}
