using CryptoDigest.Host;

namespace CryptoDigest.IntegrationTests.Discord;

/// <summary>The `discord register` verb, run in-process against the Discord stand-in.</summary>
public sealed class DiscordRegisterVerbTests : IAsyncLifetime
{
    private DiscordApiStandIn _discord = null!;

    public async Task InitializeAsync() => _discord = await DiscordApiStandIn.StartAsync();

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    [Fact]
    public async Task Register_with_guild_bulk_overwrites_that_guilds_commands_with_the_bot_token()
    {
        var (exitCode, output, _) = await RunAsync(["discord", "register", "--guild", "1000000000000000001", .. Settings()]);

        Assert.Equal(HostCommandLine.Ok, exitCode);
        Assert.Contains("Registered 12 commands in guild 1000000000000000001", output, StringComparison.Ordinal);
        var put = Assert.Single(_discord.Requests);
        Assert.Equal(("PUT", $"/api/v10/applications/{DiscordTestApp.ApplicationId}/guilds/1000000000000000001/commands"), (put.Method, put.Path));
        Assert.Equal("Bot " + DiscordTestApp.BotToken, put.Header("Authorization"));
        Assert.StartsWith("DiscordBot (", put.Header("User-Agent"), StringComparison.Ordinal);
        var names = put.Json.EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["help", "brief", "digest", "index", "security", "ask", "search", "subscribe", "unsubscribe", "settings", "sources", "status"], names);
    }

    [Fact]
    public async Task Register_sends_descriptions_in_every_shipped_languages_discord_locales()
    {
        var (exitCode, _, _) = await RunAsync(["discord", "register", "--guild", "1000000000000000001", .. Settings()]);

        Assert.Equal(HostCommandLine.Ok, exitCode);
        var commands = Assert.Single(_discord.Requests).Json.EnumerateArray().ToList();
        Assert.All(commands, c => Assert.Equal(
            ["es-ES", "es-419", "pt-BR", "ru", "tr", "zh-CN"],
            c.GetProperty("description_localizations").EnumerateObject().Select(p => p.Name)));
        var status = commands.Single(c => c.GetProperty("name").GetString() == "status");
        Assert.Equal("Por qué llegó o no llegó aquí el resumen diario (administradores)", status.GetProperty("description_localizations").GetProperty("es-ES").GetString());
        var subscribe = commands.Single(c => c.GetProperty("name").GetString() == "subscribe");
        var timezone = subscribe.GetProperty("options")[1];
        Assert.Equal("timezone", timezone.GetProperty("name").GetString());
        Assert.Equal("Zona horaria IANA, p. ej. Europe/Madrid", timezone.GetProperty("description_localizations").GetProperty("es-ES").GetString());
        Assert.Equal("Fuso horário IANA, por exemplo America/Sao_Paulo", timezone.GetProperty("description_localizations").GetProperty("pt-BR").GetString());
    }

    [Fact]
    public async Task Register_without_guild_overwrites_the_global_commands()
    {
        var (exitCode, _, _) = await RunAsync(["discord", "register", .. Settings()]);

        Assert.Equal(HostCommandLine.Ok, exitCode);
        Assert.Equal($"/api/v10/applications/{DiscordTestApp.ApplicationId}/commands", Assert.Single(_discord.Requests).Path);
    }

    [Fact]
    public async Task Register_refused_by_discord_exits_non_zero_with_discords_reason_and_no_token()
    {
        _discord.Script("PUT", "applications/", 401, """{"message": "401: Unauthorized", "code": 0}""");

        var (exitCode, _, error) = await RunAsync(["discord", "register", .. Settings()]);

        Assert.Equal(HostCommandLine.Failed, exitCode);
        Assert.Contains("401: Unauthorized", error, StringComparison.Ordinal);
        Assert.DoesNotContain(DiscordTestApp.BotToken, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "discord" }, HostCommandLine.BadUsage, "discord needs a sub-verb")]
    [InlineData(new[] { "discord", "register", "--guild" }, HostCommandLine.BadUsage, "--guild needs the guild (server) id")]
    [InlineData(new[] { "discord", "register", "--guild", "my-server" }, HostCommandLine.BadUsage, "--guild needs the guild (server) id")]
    [InlineData(new[] { "discord", "register" }, HostCommandLine.BadConfiguration, "discord register needs Discord:ApplicationId")]
    [InlineData(new[] { "discord", "register", "--Discord:PublicKey=abc" }, HostCommandLine.BadConfiguration, "configuration error: Discord:PublicKey must be 64 hex characters")]
    public async Task Register_with_bad_usage_or_settings_exits_non_zero_with_one_line(string[] arguments, int expectedExitCode, string message)
    {
        var (exitCode, _, error) = await RunAsync(arguments);

        Assert.Equal(expectedExitCode, exitCode);
        Assert.StartsWith($"error: {message}", error.Trim(), StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    private string[] Settings() =>
    [
        $"--Discord:ApplicationId={DiscordTestApp.ApplicationId}",
        $"--Discord:PublicKey={DiscordTestApp.PublicKeyHex}",
        $"--Discord:BotToken={DiscordTestApp.BotToken}",
        $"--Discord:ApiBaseUrl={_discord.BaseUrl}",
    ];

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await HostCommandLine.RunAsync(arguments, TextReader.Null, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
