using CryptoDigest.Telegram;
using Telegram.Bot.Requests;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CryptoDigest.Tests.Telegram;

public class PreparedMessageTests
{
    private const string Html = "<b>Flows \"today\"</b>\nBTC &lt; ETH &amp; café ✓ \\ \u2028 <a href=\"https://example.com/g?a=1&amp;b=2\">Guide</a>";

    [Theory]
    [InlineData(7301L, true, null)]
    [InlineData(-1001234567890L, true, 9)]
    [InlineData(42L, false, null)]
    [InlineData(long.MaxValue, false, 17)]
    public async Task A_prepared_body_is_byte_for_byte_what_the_library_would_send_to_that_chat(long chatId, bool disablePreviews, int? threadId)
    {
        var prepared = PreparedMessage.Create(Html, ParseMode.Html, disablePreviews, threadId, replyParameters: null);
        var library = new SendMessageRequest
        {
            ChatId = chatId,
            Text = Html,
            ParseMode = ParseMode.Html,
            LinkPreviewOptions = disablePreviews ? new LinkPreviewOptions { IsDisabled = true } : null,
            MessageThreadId = threadId,
        }.ToHttpContent()!;

        using var ours = prepared.ContentFor(chatId);

        Assert.Equal(await library.ReadAsStringAsync(), await ours.ReadAsStringAsync());
        Assert.Equal(library.Headers.ContentType, ours.Headers.ContentType);
        Assert.Equal((await library.ReadAsByteArrayAsync()).Length, ours.Headers.ContentLength);
    }

    [Fact]
    public async Task One_prepared_body_gives_each_chat_its_own_id_and_nothing_else_changes()
    {
        var prepared = PreparedMessage.Create("gm", ParseMode.None, disableLinkPreviews: true, threadId: null, replyParameters: null);

        using var first = prepared.ContentFor(1);
        using var second = prepared.ContentFor(-100987);

        Assert.Equal("{\"chat_id\":1,\"text\":\"gm\",\"link_preview_options\":{\"is_disabled\":true}}", await first.ReadAsStringAsync());
        Assert.Equal("{\"chat_id\":-100987,\"text\":\"gm\",\"link_preview_options\":{\"is_disabled\":true}}", await second.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_reply_keeps_its_reply_parameters_in_the_prepared_body()
    {
        var reply = new ReplyParameters { MessageId = 5, AllowSendingWithoutReply = true };
        var prepared = PreparedMessage.Create("answer", ParseMode.Html, disableLinkPreviews: false, threadId: null, reply);
        var library = new SendMessageRequest { ChatId = 77, Text = "answer", ParseMode = ParseMode.Html, ReplyParameters = reply }.ToHttpContent()!;

        using var ours = prepared.ContentFor(77);

        Assert.Equal(await library.ReadAsStringAsync(), await ours.ReadAsStringAsync());
    }
}
