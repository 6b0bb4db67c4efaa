using System.Net;
using System.Text.Json;
using CryptoDigest.Chat;
using CryptoDigest.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Discord;

/// <summary>POST /discord/interactions driven over real HTTP with signed interactions, as Discord sends them.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DiscordInteractionEndpointTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly byte[] OtherSeed = Convert.FromHexString("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");

    private DiscordApiStandIn _discord = null!;
    private DiscordTestApp _app = null!;

    public async Task InitializeAsync()
    {
        _discord = await DiscordApiStandIn.StartAsync();
        _app = await DiscordTestApp.StartAsync(postgres, _discord);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _discord.DisposeAsync();
    }

    [Fact]
    public async Task A_ping_is_answered_with_pong_as_json()
    {
        using var response = await _app.PostInteractionAsync(InteractionBuilder.Ping());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"type":1}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_forged_signature_is_rejected_with_401()
    {
        using var response = await _app.PostInteractionAsync(InteractionBuilder.Command("ask", options: ("question", "is bitcoin safe")), seed: OtherSeed);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_discord.Requests);
    }

    [Fact]
    public async Task A_changed_body_is_rejected_with_401()
    {
        var signed = InteractionBuilder.Command("index", options: ("question", "why market cap weighting"));

        using var response = await _app.PostInteractionAsync(signed, bodySent: signed.Replace("market cap", "equal", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_old_timestamp_is_rejected_with_401_even_when_correctly_signed()
    {
        var tenMinutesAgo = DiscordTestApp.Now.AddMinutes(-10).ToUnixTimeSeconds();

        using var response = await _app.PostInteractionAsync(InteractionBuilder.Ping(), timestamp: tenMinutesAgo);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_timestamp_within_the_window_is_accepted()
    {
        using var response = await _app.PostInteractionAsync(InteractionBuilder.Ping(), timestamp: DiscordTestApp.Now.AddMinutes(-4).ToUnixTimeSeconds());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null, "1700000000")]
    [InlineData("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b", null)]
    [InlineData("not-hex", "1700000000")]
    public async Task Missing_or_malformed_signature_headers_are_rejected_with_401(string? signature, string? timestamp)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new StringContent("""{"type":1}""") };
        if (signature is not null)
        {
            request.Headers.Add("X-Signature-Ed25519", signature);
        }

        if (timestamp is not null)
        {
            request.Headers.Add("X-Signature-Timestamp", timestamp);
        }

        using var response = await _app.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("index", "question", "why market cap weighting", "market cap")]
    [InlineData("security", "question", "how do I store bitcoin safely", "wallet")]
    [InlineData("ask", "question", "is bitcoin safe to hold on an exchange", "exchange")]
    public async Task A_question_command_is_answered_inline_with_embeds_and_sources(string command, string option, string question, string expected)
    {
        using var response = await _app.PostInteractionAsync(InteractionBuilder.Command(command, options: (option, question)));

        var json = await DiscordTestApp.JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        var data = json.GetProperty("data");
        Assert.Empty(data.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
        Assert.False(data.TryGetProperty("flags", out _));
        var embeds = data.GetProperty("embeds").EnumerateArray().ToList();
        Assert.InRange(embeds.Count, 1, 10);
        Assert.Contains(embeds, e => e.TryGetProperty("description", out var d) && d.GetString()!.Contains(expected, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(embeds, e => e.TryGetProperty("footer", out var f) && f.GetProperty("text").GetString()!.StartsWith("Source", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("subscribe", InteractionBuilder.ModeratorPermissions, "This chat has no daily brief. Start one with /subscribe")]
    [InlineData("unsubscribe", InteractionBuilder.ModeratorPermissions, "This chat has no daily brief to stop.")]
    public async Task Text_commands_answer_inline(string command, string permissions, string expected)
    {
        using var response = await _app.PostInteractionAsync(InteractionBuilder.Command(command, permissions));

        var json = await DiscordTestApp.JsonAsync(response);
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        Assert.Contains(expected, json.GetProperty("data").GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_answers_with_the_newsletter_list()
    {
        using var response = await _app.PostInteractionAsync(InteractionBuilder.Command("sources", InteractionBuilder.MemberPermissions));

        var json = await DiscordTestApp.JsonAsync(response);
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        Assert.Equal("Newsletter sources", json.GetProperty("data").GetProperty("embeds")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Brief_answers_with_the_daily_edition()
    {
        using var response = await _app.PostInteractionAsync(InteractionBuilder.Command("brief", InteractionBuilder.MemberPermissions));

        var json = await DiscordTestApp.JsonAsync(response);
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        var embed = json.GetProperty("data").GetProperty("embeds")[0];
        Assert.StartsWith("Daily brief", embed.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_commands_inline()
    {
        using var response = await _app.PostInteractionAsync(InteractionBuilder.Command("help"));

        var json = await DiscordTestApp.JsonAsync(response);
        var embed = json.GetProperty("data").GetProperty("embeds")[0];
        Assert.Equal("Commands", embed.GetProperty("title").GetString());
        Assert.Contains("/security", embed.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("subscribe")]
    [InlineData("unsubscribe")]
    public async Task Subscribe_and_unsubscribe_without_manage_channels_are_refused_ephemerally(string command)
    {
        using var response = await _app.PostInteractionAsync(InteractionBuilder.Command(command, InteractionBuilder.MemberPermissions, ("time", "08:00")));

        var json = await DiscordTestApp.JsonAsync(response);
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        var data = json.GetProperty("data");
        Assert.Equal(64, data.GetProperty("flags").GetInt32());
        // The command's one refusal, the same words the router and Telegram use; Discord shows it to the sender only.
        Assert.Equal(ChatCommands.RefusalFor(command), data.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Time_zone_autocomplete_suggests_matching_iana_zones()
    {
        using var response = await _app.PostInteractionAsync(InteractionBuilder.Autocomplete("subscribe", "timezone", "Europe/Ber"));

        var json = await DiscordTestApp.JsonAsync(response);
        Assert.Equal(8, json.GetProperty("type").GetInt32());
        var choices = json.GetProperty("data").GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("value").GetString()).ToList();
        Assert.Equal("Europe/Berlin", choices[0]);
        Assert.InRange(choices.Count, 1, 25);
    }

    [Fact]
    public async Task Source_autocomplete_suggests_enabled_sources_from_the_database()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CryptoDigest.Storage.DigestDbContext>();
            db.Sources.AddRange(
                new CryptoDigest.Storage.NewsletterSource { Name = "Bankless" },
                new CryptoDigest.Storage.NewsletterSource { Name = "The Defiant" },
                new CryptoDigest.Storage.NewsletterSource { Name = "Banned Letter", Enabled = false });
            await db.SaveChangesAsync();
        }

        using var response = await _app.PostInteractionAsync(InteractionBuilder.Autocomplete("digest", "source", "ban"));

        var json = await DiscordTestApp.JsonAsync(response);
        Assert.Equal(["Bankless"], json.GetProperty("data").GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task No_token_ever_reaches_the_log()
    {
        using (await _app.PostInteractionAsync(InteractionBuilder.Command("ask", options: ("question", "what is a hardware wallet")), seed: OtherSeed))
        using (await _app.PostInteractionAsync(InteractionBuilder.Command("ask", options: ("question", "what is a hardware wallet"))))
        {
        }

        Assert.NotEmpty(_app.Log.Lines);
        Assert.DoesNotContain(_app.Log.Lines, l => l.Contains(InteractionBuilder.Token, StringComparison.Ordinal) || l.Contains(DiscordTestApp.BotToken, StringComparison.Ordinal));
    }
}
