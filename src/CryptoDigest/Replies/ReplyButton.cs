namespace CryptoDigest.Replies;

/// <summary>
/// A button under a reply, on any platform (a Telegram inline keyboard button, a Discord message
/// component): the label a member sees and the short payload the platform sends back when it is
/// pressed. Payloads come back from the platform as untrusted data: whoever reads one validates it.
/// </summary>
/// <param name="Label">What the button shows.</param>
/// <param name="Payload">At most <see cref="MaxPayloadBytes"/> bytes of UTF-8 (Telegram's callback_data limit).</param>
public sealed record ReplyButton(string Label, string Payload)
{
    /// <summary>Telegram's callback_data is 1-64 bytes; Discord's custom_id allows 100 characters.</summary>
    public const int MaxPayloadBytes = 64;
}
