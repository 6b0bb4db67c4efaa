using System.Net;
using CryptoDigest.Archive;
using CryptoDigest.Host;
using CryptoDigest.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.IntegrationTests.Infrastructure;

/// <summary>
/// The one way the integration tests compose the bot: the Host's own composition (CryptoDigestBuilder's
/// AddCryptoDigest and AddChatPlatforms, each adapter switched on only by its settings), with the test's
/// settings (the database, PostgreSQL or SQLite, and the stand-ins' addresses) and, when the test brings
/// one, its clock in place of the system clock, so there is still exactly one TimeProvider.
/// </summary>
public static class TestComposition
{
    /// <summary>Adds the whole application as the Host does, with <paramref name="clock"/> (when given) as the one clock.</summary>
    public static IServiceCollection AddBotForTest(this IServiceCollection services, IConfiguration configuration, TimeProvider? clock = null)
    {
        services.AddCryptoDigest(configuration);
        services.AddChatPlatforms(configuration);
        // The archive's local model takes seconds to load on a busy machine: tests that are not about the archive
        // search it by words alone unless their settings say otherwise (the archive's own tests turn it on).
        if (configuration[$"{ArchiveOptions.SectionName}:{nameof(ArchiveOptions.LocalEmbeddings)}"] is null)
        {
            services.PostConfigure<ArchiveOptions>(o => o.LocalEmbeddings = false);
        }

        if (clock is not null)
        {
            services.Replace(ServiceDescriptor.Singleton(clock));
        }

        return services;
    }

    /// <summary>
    /// The composition without a web host, from plain settings, on a migrated database: for tests of one
    /// service (scope validation on, as a request scope would be).
    /// </summary>
    public static async Task<ServiceProvider> BuildMigratedAsync(IEnumerable<(string Key, string? Value)> settings, TimeProvider? clock = null, IInterceptor? interceptor = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        var collection = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddBotForTest(configuration, clock);
        if (interceptor is not null)
        {
            // The statement-counting tests see every command the embedded database is sent.
            collection.ConfigureDbContext<SqliteDigestDbContext>(o => o.AddInterceptors(interceptor));
        }

        var services = collection.BuildServiceProvider(validateScopes: true);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return services;
    }

    /// <summary>
    /// The bot as serve runs it over HTTP: a web application on a loopback Kestrel (any free port) with the
    /// composition above and what <paramref name="services"/> adds to it, the endpoints <paramref name="map"/> adds, and the database migrated as the Host's
    /// verbs do before they use it; started when <paramref name="start"/> is true.
    /// </summary>
    public static async Task<WebApplication> StartWebAsync(
        IDictionary<string, string?> settings,
        Action<ILoggingBuilder> logging,
        Action<WebApplication> map,
        TimeProvider? clock = null,
        bool start = true,
        Action<IServiceCollection, IConfiguration>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        logging(builder.Logging);
        builder.Services.AddBotForTest(builder.Configuration, clock);
        services?.Invoke(builder.Services, builder.Configuration);

        var app = builder.Build();
        map(app);
        await CryptoDigestBuilder.MigrateIfConfiguredAsync(app);
        if (start)
        {
            await app.StartAsync();
        }

        return app;
    }
}
