using System.Text.Json;
using CryptoDigest.IntegrationTests.Discord;
using CryptoDigest.IntegrationTests.Infrastructure;
using CryptoDigest.IntegrationTests.Telegram;
using SkiaSharp;

namespace CryptoDigest.IntegrationTests.Indices;

/// <summary>Computed index answers through both adapters and their platform stand-ins, on the bundled sample.</summary>
[Collection(PostgresCollection.Name)]
public class IndexChatTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Telegram_weights_come_as_one_message_with_a_monospace_table_the_data_line_and_the_advice_line()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres);
        host.Api.AddMessage(7101, "/index weights top5 capped:25");

        var reply = Assert.Single(await host.Api.WaitForMessagesAsync(7101));

        Assert.Equal("HTML", reply.ParseMode, ignoreCase: true);
        Assert.Contains("<pre>#  coin   weight  market cap\n1  BTC   25.00 %", reply.RawText, StringComparison.Ordinal);
        Assert.Contains("Data: bundled SAMPLE data dated 2026-11-30", reply.PlainText, StringComparison.Ordinal);
        Assert.Contains("[sample data]", reply.PlainText, StringComparison.Ordinal);
        Assert.EndsWith("Not financial advice: this is general information, not a recommendation to buy or sell anything.", reply.PlainText.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Telegram_compare_sends_the_table_then_a_chart_with_sendPhoto_that_decodes_at_800_by_450()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres);
        host.Api.AddMessage(7102, "/index compare top5 90d weekly");

        var replies = await host.Api.WaitForMessagesAsync(7102, 2);

        Assert.Equal(["sendmessage", "sendphoto"], replies.Select(r => r.Method));
        Assert.Contains("<pre>", replies[0].RawText, StringComparison.Ordinal);
        Assert.Contains("BTC only", replies[0].PlainText, StringComparison.Ordinal);
        Assert.Contains("capped:25", replies[0].PlainText, StringComparison.Ordinal);
        Assert.Contains("Not financial advice", replies[0].PlainText, StringComparison.Ordinal);
        Assert.Contains("SAMPLE", replies[1].PlainText, StringComparison.Ordinal);
        // sendPhoto names its upload through "attach://<field>"; the stand-in keeps that field's bytes.
        var field = ((string)replies[1].Parameters["photo"]!)["attach://".Length..];
        using var png = SKBitmap.Decode(Convert.FromBase64String((string)replies[1].Parameters[field + "_content"]!));
        Assert.Equal((800, 450), (png.Width, png.Height));
    }

    [Fact]
    public async Task A_free_question_in_telegram_is_answered_with_computed_concentration()
    {
        await using var host = await TelegramTestHost.StartAsync(postgres);
        host.Api.AddMessage(7103, "how concentrated is the top 10?");

        var reply = Assert.Single(await host.Api.WaitForMessagesAsync(7103));

        Assert.Contains("effective N", reply.PlainText, StringComparison.Ordinal);
        Assert.Contains("<pre>", reply.RawText, StringComparison.Ordinal);
        Assert.Contains("Data: bundled SAMPLE data", reply.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discord_compare_is_deferred_then_edited_in_with_a_code_block_table_and_the_chart_uploaded()
    {
        await using var discord = await DiscordApiStandIn.StartAsync();
        await using var app = await DiscordTestApp.StartAsync(postgres, discord, deferAfterMilliseconds: 0);

        using var response = await app.PostInteractionAsync(InteractionBuilder.Command("index", options: ("question", "compare top5 90d monthly")));

        Assert.Equal("""{"type":5}""", await response.Content.ReadAsStringAsync());
        var upload = Assert.Single(await discord.WaitForAsync(r => r.Files.Count > 0));
        var file = Assert.Single(upload.Files);
        Assert.Equal(("chart.png", "image/png"), (file.FileName, file.ContentType));
        using var png = SKBitmap.Decode(file.Content);
        Assert.Equal((800, 450), (png.Width, png.Height));
        var descriptions = discord.Requests
            .SelectMany(r => r.Json.TryGetProperty("embeds", out var embeds) ? embeds.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(e => e.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "")
            .ToList();
        Assert.Contains(descriptions, d => d.StartsWith("```\n", StringComparison.Ordinal) && d.Contains("BTC only", StringComparison.Ordinal) && d.EndsWith("\n```", StringComparison.Ordinal));
        Assert.Contains(descriptions, d => d.Contains("SAMPLE", StringComparison.Ordinal));
        Assert.Contains(descriptions, d => d.StartsWith("Not financial advice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Discord_drawdown_answers_in_time_with_the_table_in_a_code_block()
    {
        await using var discord = await DiscordApiStandIn.StartAsync();
        await using var app = await DiscordTestApp.StartAsync(postgres, discord);

        using var response = await app.PostInteractionAsync(InteractionBuilder.Command("index", options: ("question", "drawdown eth")));

        var json = await DiscordTestApp.JsonAsync(response);
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        var descriptions = json.GetProperty("data").GetProperty("embeds").EnumerateArray()
            .Select(e => e.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "").ToList();
        Assert.Contains(descriptions, d => d.StartsWith("```\nlast price", StringComparison.Ordinal) && d.Contains("365-day high", StringComparison.Ordinal));
        // Discord markdown is escaped in embed text, so the date's dashes arrive as "\-".
        Assert.Contains(descriptions, d => d.Contains("Data: bundled SAMPLE data dated 2026\\-11\\-30", StringComparison.Ordinal));
    }
}
