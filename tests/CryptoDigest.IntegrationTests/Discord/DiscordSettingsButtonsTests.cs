using System.Text.Json;
using CryptoDigest.Briefs;
using CryptoDigest.Chat;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.Replies;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.IntegrationTests.Discord;

/// <summary>
/// /settings with message components through signed interactions: the buttons come with the answer, a press by a
/// member with Manage Channels updates the message and the setting, a press without it or with a forged custom_id
/// is refused ephemerally and changes nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DiscordSettingsButtonsTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Channel = InteractionBuilder.ChannelId;

    private DiscordApiStandIn _discord = null!;
    private DiscordTestApp _app = null!;

    public async Task InitializeAsync()
    {
        _discord = await DiscordApiStandIn.StartAsync();
        _app = await DiscordTestApp.StartAsync(postgres, _discord);
        await Store.SubscribeAsync(ChatPlatform.Discord, Channel, null, new SubscriptionSettings(new TimeOnly(8, 0), "UTC", []), exists: false, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _discord.DisposeAsync();
    }

    private SubscriptionStore Store => _app.Services.GetRequiredService<SubscriptionStore>();

    [Fact]
    public async Task Settings_answer_with_buttons_that_name_this_channel()
    {
        using var response = await _app.PostInteractionAsync(InteractionBuilder.Command("settings", InteractionBuilder.MemberPermissions));

        var json = await DiscordTestApp.JsonAsync(response);
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        var rows = json.GetProperty("data").GetProperty("components").EnumerateArray().ToList();
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(1, r.GetProperty("type").GetInt32()));
        var buttons = rows.SelectMany(r => r.GetProperty("components").EnumerateArray()).ToList();
        Assert.Contains(buttons, b => b.GetProperty("custom_id").GetString() == $"s1|{Channel}|length|headlines" && b.GetProperty("type").GetInt32() == 2);
        Assert.Contains(buttons, b => b.GetProperty("label").GetString() == "• standard" && b.GetProperty("style").GetInt32() == 1);
    }

    [Fact]
    public async Task A_press_by_a_member_who_manages_the_channel_changes_the_setting_and_updates_the_message()
    {
        using var response = await _app.PostInteractionAsync(InteractionBuilder.Component($"s1|{Channel}|cadence|weekly fri", InteractionBuilder.ModeratorPermissions));

        var json = await DiscordTestApp.JsonAsync(response);
        Assert.Equal(7, json.GetProperty("type").GetInt32());
        var data = json.GetProperty("data");
        Assert.Contains("cadence: weekly fri", Descriptions(data), StringComparison.Ordinal);
        Assert.Contains(data.GetProperty("components").EnumerateArray().SelectMany(r => r.GetProperty("components").EnumerateArray()),
            b => b.GetProperty("label").GetString() == "• weekly fri");
        Assert.Equal("weekly fri", (await Store.FindAsync(ChatPlatform.Discord, Channel, null, CancellationToken.None))!.Cadence);
    }

    [Fact]
    public async Task A_press_by_a_member_without_manage_channels_is_refused_ephemerally_and_changes_nothing()
    {
        using var response = await _app.PostInteractionAsync(InteractionBuilder.Component($"s1|{Channel}|market|on", InteractionBuilder.MemberPermissions));

        var json = await DiscordTestApp.JsonAsync(response);
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        Assert.Equal(64, json.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Equal(ChatCommands.RefusalFor("settings"), json.GetProperty("data").GetProperty("content").GetString());
        Assert.False((await Store.FindAsync(ChatPlatform.Discord, Channel, null, CancellationToken.None))!.MarketLine);
    }

    [Theory]
    [InlineData("s1|1100000000000000999|market|on")]
    [InlineData("s1|1100000000000000001|market|sometimes")]
    [InlineData("s2|1100000000000000001|market|on")]
    [InlineData("market on")]
    public async Task A_forged_custom_id_is_refused_ephemerally_and_logged_even_for_a_moderator(string customId)
    {
        using var response = await _app.PostInteractionAsync(InteractionBuilder.Component(customId, InteractionBuilder.ModeratorPermissions));

        var json = await DiscordTestApp.JsonAsync(response);
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        Assert.Equal(64, json.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.StartsWith("This button is not valid here", json.GetProperty("data").GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains(_app.Log.Lines, l => l.Contains("a button payload that", StringComparison.Ordinal));
        Assert.False((await Store.FindAsync(ChatPlatform.Discord, Channel, null, CancellationToken.None))!.MarketLine);
    }

    private static string Descriptions(JsonElement data) =>
        string.Join('\n', data.GetProperty("embeds").EnumerateArray().Select(e => e.TryGetProperty("description", out var d) ? d.GetString() : null));
}
