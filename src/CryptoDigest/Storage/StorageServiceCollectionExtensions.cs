using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DigestDbContext"/> on PostgreSQL when ConnectionStrings:Postgres is set,
    /// else on the embedded SQLite file, with the matching <see cref="DatabaseDialect"/>. The provider is
    /// chosen here, from configuration alone.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .Configure(o => o.PostgresConnectionString = configuration.GetConnectionString(StorageOptions.PostgresConnectionStringName))
            .ValidateSettings();

        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString(StorageOptions.PostgresConnectionStringName)))
        {
            // Pooled: a broadcast opens a context per chat, and building one each time showed in the profile.
            services.AddDbContextPool<PostgresDigestDbContext>((sp, options) =>
                options.UseNpgsql(
                    sp.GetRequiredService<IOptions<StorageOptions>>().Value.PostgresConnectionString,
                    npgsql => npgsql.EnableRetryOnFailure()));
            services.AddScoped<DigestDbContext>(sp => sp.GetRequiredService<PostgresDigestDbContext>());
            services.AddSingleton<DatabaseDialect, PostgresDialect>();
        }
        else
        {
            services.AddDbContextPool<SqliteDigestDbContext>((sp, options) =>
            {
                var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
                options.UseSqlite(SqliteConnectionSetup.ConnectionString(storage))
                    .AddInterceptors(new SqliteOpenInterceptor(storage));
            });
            services.AddScoped<DigestDbContext>(sp => sp.GetRequiredService<SqliteDigestDbContext>());
            services.AddSingleton<DatabaseDialect, SqliteDialect>();
        }

        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<JobOutcomes>();
        return services;
    }
}
