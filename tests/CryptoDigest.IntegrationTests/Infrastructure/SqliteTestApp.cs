using CryptoDigest.Host;
using CryptoDigest.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CryptoDigest.IntegrationTests.Infrastructure;

/// <summary>
/// The bot's real composition (TestComposition, as the Host composes it) on the embedded default: a fresh SQLite file in a
/// folder of its own, migrated, with a fake clock and optional extra settings.
/// </summary>
public sealed class SqliteTestApp : IAsyncDisposable
{
    private readonly DirectoryInfo _folder;

    private SqliteTestApp(DirectoryInfo folder, ServiceProvider services, FakeTimeProvider time)
    {
        _folder = folder;
        Services = services;
        Time = time;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public string DatabasePath => Path.Combine(_folder.FullName, "bot.db");

    /// <summary>Starts it; <paramref name="interceptor"/>, when given, sees every command sent to the database.</summary>
    public static async Task<SqliteTestApp> StartAsync(IDictionary<string, string?>? settings = null, IInterceptor? interceptor = null)
    {
        var folder = Directory.CreateTempSubdirectory("cryptodigest-sqlite-");
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Storage:SqlitePath"] = Path.Combine(folder.FullName, "bot.db") };
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero));
        var services = await TestComposition.BuildMigratedAsync(all.Select(s => (s.Key, s.Value)), time, interceptor);
        return new SqliteTestApp(folder, services, time);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Runs work against a fresh DbContext scope.</summary>
    public async Task<TResult> WithDbAsync<TResult>(Func<DigestDbContext, Task<TResult>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<DigestDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        // Pooled connections keep the file open; the folder can only go once they are closed.
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
