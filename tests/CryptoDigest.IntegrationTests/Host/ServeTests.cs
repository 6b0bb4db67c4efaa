using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CryptoDigest.IntegrationTests.Discord;
using CryptoDigest.IntegrationTests.Infrastructure;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace CryptoDigest.IntegrationTests.Host;

/// <summary>The real Host process in serve mode on PostgreSQL: HTTP endpoints, the dashboard's lock, Hangfire's schedule.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ServeTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string DashboardPassword = "correct-horse-battery";
    private RunningHost _host = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _database = await postgres.CreateDatabaseAsync();
        _host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = _database,
            ["Jobs__Dashboard__Enabled"] = "true",
            ["Jobs__Dashboard__Username"] = "operator",
            ["Jobs__Dashboard__Password"] = DashboardPassword,
            ["Jobs__ComposeBriefCron"] = "30 7 * * *",
            ["Jobs__ComposeBriefTimeZone"] = "Europe/Berlin",
            ["Discord__ApplicationId"] = DiscordTestApp.ApplicationId,
            ["Discord__PublicKey"] = DiscordTestApp.PublicKeyHex,
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_dashboard_refuses_requests_without_the_configured_credentials()
    {
        using var anonymous = await _host.Http.GetAsync(new Uri("hangfire", UriKind.Relative));
        using var wrong = await GetDashboardAsync("operator:wrong-password-123");
        using var right = await GetDashboardAsync("operator:" + DashboardPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_compose_brief_schedule_is_stored_in_postgresql_with_its_time_zone()
    {
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(_database, new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false }));
        using var connection = storage.GetConnection();

        var compose = Assert.Single(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == "compose-brief");

        Assert.Equal("30 7 * * *", compose.Cron);
        Assert.Equal("Europe/Berlin", compose.TimeZoneId);
        var ingest = Assert.Single(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == "ingest-feeds");
        Assert.Equal("*/5 * * * *", ingest.Cron);
    }

    [Fact]
    public async Task A_signed_discord_ping_gets_a_pong_and_a_forged_one_401()
    {
        var body = "{\"application_id\":\"" + DiscordTestApp.ApplicationId + "\",\"id\":\"1\",\"token\":\"t\",\"type\":1,\"version\":1}";
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var signed = await PostInteractionAsync(body, timestamp, DiscordTestApp.Sign(timestamp, body, DiscordTestApp.TestSeed));
        using var forged = await PostInteractionAsync(body, timestamp, new string('0', 128));

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal("{\"type\":1}", await signed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    private Task<HttpResponseMessage> GetDashboardAsync(string credentials)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("hangfire", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return _host.Http.SendAsync(request);
    }

    private Task<HttpResponseMessage> PostInteractionAsync(string body, string timestamp, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("discord/interactions", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Signature-Ed25519", signature);
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        return _host.Http.SendAsync(request);
    }
}
