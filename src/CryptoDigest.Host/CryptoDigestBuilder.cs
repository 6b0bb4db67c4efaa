using CryptoDigest.Operations;
using CryptoDigest.Orchestration;
using Microsoft.Extensions.Logging.Console;
using CryptoDigest.Ai;
using CryptoDigest.Archive;
using CryptoDigest.Briefs;
using CryptoDigest.Chat;
using CryptoDigest.Discord;
using CryptoDigest.Feedback;
using CryptoDigest.Feeds;
using CryptoDigest.Host.Jobs;
using CryptoDigest.Indices;
using CryptoDigest.Knowledge;
using CryptoDigest.Security.LinkCheck;
using CryptoDigest.Storage;
using CryptoDigest.Summaries;
using CryptoDigest.Telegram;
using CryptoDigest.Telemetry;
using CryptoDigest.Host.Operations;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Host;

/// <summary>The whole composition in one place: each feature adds itself, in the order data flows.</summary>
public static class CryptoDigestBuilder
{
    /// <summary>Creates a host builder with the bot's configuration sources and logging.</summary>
    public static HostApplicationBuilder CreateBuilder(string[] configurationArgs, bool quiet)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = configurationArgs,
            // appsettings.json and prompts/ sit beside the executable, wherever it is started from.
            ContentRootPath = AppContext.BaseDirectory,
        });
        ConfigureCommon(builder, quiet);
        return builder;
    }

    /// <summary>Creates a web application builder, for serve when something needs HTTP (webhooks, interactions, the dashboard).</summary>
    public static WebApplicationBuilder CreateWebBuilder(string[] configurationArgs, bool quiet)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = configurationArgs,
            ContentRootPath = AppContext.BaseDirectory,
        });
        ConfigureCommon(builder, quiet);
        return builder;
    }

    /// <summary>
    /// The host serve runs: a web application with <see cref="MapCryptoDigest"/> when something listens for
    /// HTTP, a plain host otherwise (long polling needs no listener); quiet when it will be a console chat.
    /// </summary>
    public static IHost BuildServing(string[] configurationArgs)
    {
        var probe = CreateBuilder(configurationArgs, quiet: true).Configuration;
        var quiet = !HasChatPlatform(probe);
        if (!NeedsHttp(probe))
        {
            var builder = CreateBuilder(configurationArgs, quiet);
            builder.Services.AddServing(builder.Configuration, http: false);
            return builder.Build();
        }

        var web = CreateWebBuilder(configurationArgs, quiet);
        web.Services.AddServing(web.Configuration, http: true);
        var app = web.Build();
        app.MapCryptoDigest();
        return app;
    }

    /// <summary>
    /// The web pipeline, beside the services it serves: /healthz, /healthz/live and /healthz/ready, /metrics
    /// when Telemetry:Prometheus is on, and each endpoint whose feature is on by
    /// its own settings (the jobs dashboard, Discord interactions, the Telegram webhook).
    /// </summary>
    public static IEndpointRouteBuilder MapCryptoDigest(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        endpoints.MapHealth();
        endpoints.MapTelemetry();
        // The dashboard and the webhook each map themselves only when their settings switch them on.
        endpoints.MapJobsDashboard();
        endpoints.MapTelegramWebhook();
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<DiscordOptions>>().Value.IsConfigured)
        {
            endpoints.MapDiscordInteractions();
        }

        return endpoints;
    }

    /// <summary>Whether a chat platform is on by its own settings' rule; without one, serve is a console chat.</summary>
    public static bool HasChatPlatform(IConfiguration configuration) =>
        Bind<TelegramOptions>(configuration, TelegramOptions.SectionName).IsEnabled
        || Bind<DiscordOptions>(configuration, DiscordOptions.SectionName).IsConfigured;

    /// <summary>Whether the settings switch on anything that listens for HTTP.</summary>
    private static bool NeedsHttp(IConfiguration configuration)
    {
        var telegram = Bind<TelegramOptions>(configuration, TelegramOptions.SectionName);
        return Bind<JobsOptions>(configuration, JobsOptions.SectionName).Dashboard.Enabled
            || Bind<DiscordOptions>(configuration, DiscordOptions.SectionName).IsConfigured
            || (telegram.IsEnabled && telegram.UsesWebhook);
    }

    /// <summary>A section bound as its options class will be, for deciding what to compose before the host exists.</summary>
    private static T Bind<T>(IConfiguration configuration, string sectionName)
        where T : new() =>
        configuration.GetSection(sectionName).Get<T>() ?? new T();

    internal static void ConfigureCommon(IHostApplicationBuilder builder, bool quiet)
    {
        // An operator's own settings file in the working directory, kept out of git.
        builder.Configuration.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.Local.json"), optional: true, reloadOnChange: false);
        builder.Configuration.AddEnvironmentVariables();

        builder.Logging.ClearProviders();
        // Logs go to stderr so stdout carries only replies (the `ask` verb is used by scripts).
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (quiet)
        {
            // Console verbs keep the terminal for the conversation: warnings and errors only.
            builder.Logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
        }

        // A failed start is reported by the command line as one line; the host's own log of it repeats the stack.
        builder.Logging.AddFilter<ConsoleLoggerProvider>("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

        builder.Services.AddCryptoDigest(builder.Configuration);
    }

    /// <summary>
    /// The application without adapters or jobs: every feature, in the order data flows. The one place
    /// the clock is registered; tests replace it with a fake after this call.
    /// </summary>
    public static IServiceCollection AddCryptoDigest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddTelemetry();
        services.AddStorage(configuration);
        services.AddFeeds();
        services.AddKnowledge();
        services.AddAi();
        services.AddFeedback();
        services.AddLinkCheck();
        services.AddIndices();
        services.AddArchive();
        services.AddOrchestration();
        services.AddSummaries();
        services.AddBriefs();
        services.AddOperations();
        services.AddChat();
        return services;
    }

    /// <summary>Both chat platform adapters; each switches itself on only when its settings are there.</summary>
    public static IServiceCollection AddChatPlatforms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTelegram(configuration);
        services.AddDiscord(configuration);
        return services;
    }

    /// <summary>What serve runs on top of the application: the Hangfire server with the recurring jobs, and the adapters.</summary>
    public static IServiceCollection AddServing(this IServiceCollection services, IConfiguration configuration, bool http)
    {
        services.AddJobs(configuration);
        services.AddTelemetryExport(configuration, http);
        services.AddHealth();
        // Discord speaks only HTTP (interactions): without a listener, only Telegram's long polling can run.
        return http ? services.AddChatPlatforms(configuration) : services.AddTelegram(configuration);
    }

    /// <summary>
    /// Applies migrations when configured to, then starts the host (which validates every setting):
    /// in that order, so no job runs against a schema that is not there yet.
    /// </summary>
    public static async Task MigrateAndStartAsync(IHost host, CancellationToken cancellationToken)
    {
        await MigrateIfConfiguredAsync(host);
        await host.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Applies pending migrations when Storage:MigrateOnStart is on: the one place a verb does this before
    /// it uses the database, so no job or command runs against a schema that is not there yet.
    /// </summary>
    public static async Task MigrateIfConfiguredAsync(IHost host)
    {
        if (host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.MigrateOnStart)
        {
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }
    }
}
