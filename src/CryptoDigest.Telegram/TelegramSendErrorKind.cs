namespace CryptoDigest.Telegram;

/// <summary>What one failed send means, and so what the sender does next (docs/telegram.md, "Answers and errors").</summary>
internal enum TelegramSendErrorKind
{
    /// <summary>429: wait retry_after and send the same message again.</summary>
    Flood,

    /// <summary>migrate_to_chat_id: the group became a supergroup; send again at the new id.</summary>
    Migrated,

    /// <summary>The bot can never write to the chat again (blocked, kicked, deleted, not found).</summary>
    ChatGone,

    /// <summary>Telegram could not parse the HTML: send the same text again without markup.</summary>
    MarkupRejected,

    /// <summary>Any other 4xx: this message is refused, and sending it again would not help.</summary>
    Rejected,

    /// <summary>5xx, timeouts and network failures: back off and send the same message again.</summary>
    Transient,
}
