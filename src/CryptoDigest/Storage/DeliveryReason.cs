namespace CryptoDigest.Storage;

/// <summary>Why a delivery did not (yet) go out, recorded beside its platform's own error text so /status can say it plainly.</summary>
public enum DeliveryReason
{
    /// <summary>The bot came back after the due time more than Delivery:GraceMinutes late.</summary>
    LateBeyondGrace,

    /// <summary>The platform said the chat is gone for the bot (removed, blocked, deleted): LastError has its words.</summary>
    ChatGone,

    /// <summary>The platform refused the message for a reason a retry will not fix.</summary>
    Rejected,

    /// <summary>A transient error of the platform (network, 5xx, rate limits beyond the sender's own retries).</summary>
    PlatformError,

    /// <summary>No edition young enough, and composing one failed.</summary>
    NoFreshEdition,

    /// <summary>No instance serving the chat's platform took the delivery.</summary>
    NoChannel,

    /// <summary>Something unforeseen in the bot itself.</summary>
    Unexpected,
}
