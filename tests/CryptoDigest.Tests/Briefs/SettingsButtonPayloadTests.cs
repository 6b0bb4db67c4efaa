using System.Text;
using CryptoDigest.Briefs;
using CryptoDigest.Chat.Commands;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Briefs;

public class SettingsButtonPayloadTests
{
    private const string Chat = "-1001234567890";

    [Fact]
    public void A_payload_reads_back_as_the_change_it_was_made_for()
    {
        var payload = SettingsButtonPayload.Encode(Chat, new SettingChange("cadence", "weekly mon"));

        Assert.Equal("s1|-1001234567890|cadence|weekly mon", payload);
        Assert.True(SettingsButtonPayload.TryDecode(payload, Chat, out var change, out _));
        Assert.Equal(new SettingChange("cadence", "weekly mon"), change);
    }

    [Theory]
    [InlineData("s1|-1009999999999|market|on", "names another chat")]
    [InlineData("s2|-1001234567890|market|on", "unknown version")]
    [InlineData("s1|-1001234567890|market", "malformed")]
    [InlineData("s1|-1001234567890|market|on|extra", "malformed")]
    [InlineData("s1|-1001234567890|market|yes", "not a valid button setting")]
    [InlineData("s1|-1001234567890|market|ON", "not a valid button setting")]
    [InlineData("s1|-1001234567890|topics|+eth", "not a valid button setting")]
    [InlineData("s1|-1001234567890|zone|UTC", "not a valid button setting")]
    [InlineData("", "empty or too long")]
    [InlineData(null, "empty or too long")]
    public void Anything_else_is_refused_with_a_reason(string? payload, string reason)
    {
        Assert.False(SettingsButtonPayload.TryDecode(payload, Chat, out _, out var why));
        Assert.Equal(reason, why);
    }

    [Fact]
    public void Every_settings_button_fits_telegrams_64_bytes_even_for_the_longest_chat_ids()
    {
        var subscription = new CryptoDigest.Storage.Subscription { Platform = "Discord", ChatId = "18446744073709551615", TimeZone = "UTC" };

        var reply = SettingsCommand.Show(subscription, changed: null);

        var buttons = reply.Buttons.SelectMany(row => row).ToList();
        Assert.Equal(6 + 3 + 3 + 2, buttons.Count);
        Assert.All(buttons, b => Assert.InRange(Encoding.UTF8.GetByteCount(b.Payload), 1, ReplyButton.MaxPayloadBytes));
        Assert.All(buttons, b => Assert.True(SettingsButtonPayload.TryDecode(b.Payload, subscription.ChatId, out _, out _), b.Payload));
        Assert.Equal(["• English", "• standard", "• daily", "• market off"], buttons.Where(b => b.Label.StartsWith('•')).Select(b => b.Label));
    }
}
