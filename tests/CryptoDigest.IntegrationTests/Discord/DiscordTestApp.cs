using System.Text;
using System.Text.Json;
using CryptoDigest.Discord;
using CryptoDigest.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NSec.Cryptography;

namespace CryptoDigest.IntegrationTests.Discord;

/// <summary>
/// The bot's real composition (<see cref="TestComposition"/>) on a loopback Kestrel with
/// MapDiscordInteractions, a migrated PostgreSQL database, a fake clock, the REST base pointed at
/// a <see cref="DiscordApiStandIn"/>, and a log that tests can search for leaked secrets.
/// Interactions are signed with the RFC 8032 TEST 1 seed (docs/discord.md, "Receiving interactions").
/// </summary>
public sealed class DiscordTestApp : IAsyncDisposable
{
    public const string ApplicationId = "1234567890123456789";
    public const string BotToken = "test-bot-token.never-logged";
    public const string PublicKeyHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static readonly byte[] TestSeed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

    private readonly WebApplication _app;

    private DiscordTestApp(WebApplication app, FakeTimeProvider clock, CapturingLoggerProvider log)
    {
        _app = app;
        Clock = clock;
        Log = log;
    }

    public FakeTimeProvider Clock { get; }

    public CapturingLoggerProvider Log { get; }

    public IServiceProvider Services => _app.Services;

    public HttpClient Http { get; private set; } = null!;

    public static async Task<DiscordTestApp> StartAsync(
        PostgresFixture postgres,
        DiscordApiStandIn standIn,
        int deferAfterMilliseconds = 2500,
        Func<FakeTimeProvider, TimeProvider>? wrapClock = null,
        IDictionary<string, string?>? settings = null)
    {
        var log = new CapturingLoggerProvider();
        var clock = new FakeTimeProvider(Now);
        var app = await TestComposition.StartWebAsync(
            new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
            {
                ["ConnectionStrings:Postgres"] = await postgres.CreateDatabaseAsync(),
                ["Discord:ApplicationId"] = ApplicationId,
                ["Discord:PublicKey"] = PublicKeyHex,
                ["Discord:BotToken"] = BotToken,
                ["Discord:ApiBaseUrl"] = standIn.BaseUrl.ToString(),
                ["Discord:DeferAfterMilliseconds"] = deferAfterMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Debug),
            web => web.MapDiscordInteractions(),
            wrapClock?.Invoke(clock) ?? clock);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DiscordTestApp(app, clock, log) { Http = new HttpClient { BaseAddress = new Uri(address) } };
    }

    /// <summary>Posts an interaction body signed with the test key at the given (default: current fake) time.</summary>
    public Task<HttpResponseMessage> PostInteractionAsync(string body, long? timestamp = null, byte[]? seed = null, string? bodySent = null)
    {
        var ts = (timestamp ?? Clock.GetUtcNow().ToUnixTimeSeconds()).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions")
        {
            Content = new StringContent(bodySent ?? body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Signature-Ed25519", Sign(ts, body, seed ?? TestSeed));
        request.Headers.Add("X-Signature-Timestamp", ts);
        return Http.SendAsync(request);
    }

    public static string Sign(string timestamp, string body, byte[] seed)
    {
        var algorithm = SignatureAlgorithm.Ed25519;
        using var key = Key.Import(algorithm, seed, KeyBlobFormat.RawPrivateKey);
        return Convert.ToHexStringLower(algorithm.Sign(key, Encoding.UTF8.GetBytes(timestamp + body)));
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Keeps every log line (with exceptions) so tests can prove secrets never reach the log.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}

/// <summary>Interaction bodies as Discord sends them (only the fields the adapter reads, plus some it ignores).</summary>
public static class InteractionBuilder
{
    public const string ChannelId = "1100000000000000001";
    public const string GuildId = "1000000000000000001";
    public const string Token = "aW50ZXJhY3Rpb246dGVzdC10b2tlbi1uZXZlci1sb2dnZWQ";

    /// <summary>Everyone's default permissions (no Manage Channels): VIEW_CHANNEL, SEND_MESSAGES, READ_MESSAGE_HISTORY.</summary>
    public const string MemberPermissions = "68608";

    /// <summary>The same plus MANAGE_CHANNELS (1 &lt;&lt; 4).</summary>
    public const string ModeratorPermissions = "68624";

    public static string Ping() => JsonSerializer.Serialize(new { application_id = DiscordTestApp.ApplicationId, id = "1200000000000000001", token = Token, type = 1, version = 1 });

    public static string Command(string name, string permissions = MemberPermissions, params (string Name, string Value)[] options) =>
        Interaction(2, name, permissions, options.Select(o => (object)new { name = o.Name, type = 3, value = o.Value }).ToArray());

    public static string Autocomplete(string name, string focused, string typed) =>
        Interaction(4, name, MemberPermissions, [new { name = focused, type = 3, value = typed, focused = true }]);

    /// <summary>A MESSAGE_COMPONENT interaction: member <paramref name="userId"/> with <paramref name="permissions"/> pressed the button carrying <paramref name="customId"/>.</summary>
    public static string Component(string customId, string permissions = MemberPermissions, string userId = "1400000000000000001") => JsonSerializer.Serialize(new
    {
        application_id = DiscordTestApp.ApplicationId,
        id = "1200000000000000003",
        token = Token,
        type = 3,
        version = 1,
        guild_id = GuildId,
        channel_id = ChannelId,
        channel = new { id = ChannelId, type = 0 },
        data = new { custom_id = customId, component_type = 2 },
        message = new { id = "1500000000000000001", channel_id = ChannelId, content = string.Empty },
        member = new
        {
            permissions,
            roles = Array.Empty<string>(),
            user = new { id = userId, username = "member", discriminator = "0" },
        },
        locale = "en-US",
    });

    private static string Interaction(int type, string name, string permissions, object[] options) => JsonSerializer.Serialize(new
    {
        application_id = DiscordTestApp.ApplicationId,
        id = "1200000000000000002",
        token = Token,
        type,
        version = 1,
        guild_id = GuildId,
        channel_id = ChannelId,
        channel = new { id = ChannelId, type = 0 },
        data = new { id = "1300000000000000001", name, type = 1, options },
        member = new
        {
            permissions,
            roles = Array.Empty<string>(),
            user = new { id = "1400000000000000001", username = "member", discriminator = "0" },
        },
        locale = "en-US",
    });
}
