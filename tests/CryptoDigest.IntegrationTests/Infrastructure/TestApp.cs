using CryptoDigest.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CryptoDigest.IntegrationTests.Infrastructure;

/// <summary>
/// The bot's real composition (<see cref="TestComposition"/>) without a web host, on a fresh PostgreSQL
/// database, with a fake clock and optional extra settings (e.g. a model stand-in's endpoint).
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private TestApp(ServiceProvider services, FakeTimeProvider time, string connectionString)
    {
        Services = services;
        Time = time;
        ConnectionString = connectionString;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public string ConnectionString { get; }

    public static async Task<TestApp> StartAsync(string connectionString, IDictionary<string, string?>? settings = null, FakeTimeProvider? time = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["ConnectionStrings:Postgres"] = connectionString };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        time ??= new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddBotForTest(configuration, time)
            .BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return new TestApp(services, time, connectionString);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Runs work against a fresh DbContext scope.</summary>
    public async Task<TResult> WithDbAsync<TResult>(Func<DigestDbContext, Task<TResult>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<DigestDbContext>());
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
