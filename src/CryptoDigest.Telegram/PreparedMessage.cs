using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Requests;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace CryptoDigest.Telegram;

/// <summary>
/// A sendMessage body serialized once and sent to many chats. A broadcast sends the same part, with the
/// same options, to every subscribed chat; only chat_id differs. Telegram.Bot serializes each request
/// itself, the whole text again per chat, so the body is taken from the library's own request type once
/// (the same serializer and options, so the same bytes) and each chat gets it with its own chat_id
/// written in front (docs/telegram.md, Broadcast bodies).
/// </summary>
internal sealed class PreparedMessage
{
    // A placeholder chat id for the template; the library writes chat_id first, as {"chat_id":1,...}.
    private const long TemplateChatId = 1;
    private static readonly byte[] Prefix = "{\"chat_id\":"u8.ToArray();
    private static readonly byte[] TemplateStart = "{\"chat_id\":1,"u8.ToArray();

    private readonly SendMessageRequest _template;

    // Everything after the template's chat id, from its comma to the closing brace; null when the
    // library's output does not start as expected, and then every chat gets the library's own body.
    private readonly byte[]? _tail;

    private PreparedMessage(SendMessageRequest template, byte[]? tail)
    {
        _template = template;
        _tail = tail;
    }

    /// <summary>Serializes the message once: text, parse mode, link previews, topic and reply as given.</summary>
    public static PreparedMessage Create(string text, ParseMode parseMode, bool disableLinkPreviews, int? threadId, ReplyParameters? replyParameters, InlineKeyboardMarkup? keyboard = null)
    {
        var template = new SendMessageRequest
        {
            ChatId = TemplateChatId,
            Text = text,
            ParseMode = parseMode,
            LinkPreviewOptions = disableLinkPreviews ? new LinkPreviewOptions { IsDisabled = true } : null,
            MessageThreadId = threadId,
            ReplyParameters = replyParameters,
            ReplyMarkup = keyboard,
        };

        // RequestBase.ToHttpContent serializes the runtime type with JsonBotAPI.Options; so does this.
        var body = JsonSerializer.SerializeToUtf8Bytes(template, template.GetType(), JsonBotAPI.Options);
        var tail = body.AsSpan().StartsWith(TemplateStart) ? body[(TemplateStart.Length - 1)..] : null;
        return new PreparedMessage(template, tail);
    }

    /// <summary>The request for one chat, sent through the client like any other.</summary>
    public PreparedMessageRequest For(long chatId) => new(this, chatId);

    /// <summary>The body for one chat, as the library would have written it.</summary>
    public HttpContent ContentFor(long chatId)
    {
        if (_tail is null)
        {
            return new SendMessageRequest
            {
                ChatId = chatId,
                Text = _template.Text,
                ParseMode = _template.ParseMode,
                LinkPreviewOptions = _template.LinkPreviewOptions,
                MessageThreadId = _template.MessageThreadId,
                ReplyParameters = _template.ReplyParameters,
                ReplyMarkup = _template.ReplyMarkup,
            }.ToHttpContent()!;
        }

        var head = new byte[Prefix.Length + 20];
        Prefix.CopyTo(head, 0);
        chatId.TryFormat(head.AsSpan(Prefix.Length), out var digits, provider: CultureInfo.InvariantCulture);
        return new SplicedContent(head, Prefix.Length + digits, _tail);
    }

    /// <summary>{"chat_id": + the chat's id, then the shared rest of the body; written without copying the rest.</summary>
    private sealed class SplicedContent : HttpContent
    {
        private readonly byte[] _head;
        private readonly int _headLength;
        private readonly byte[] _tail;

        public SplicedContent(byte[] head, int headLength, byte[] tail)
        {
            _head = head;
            _headLength = headLength;
            _tail = tail;
            // What JsonContent says about the library's own bodies.
            Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(_head.AsMemory(0, _headLength), cancellationToken);
            await stream.WriteAsync(_tail, cancellationToken);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = _headLength + _tail.Length;
            return true;
        }
    }
}
