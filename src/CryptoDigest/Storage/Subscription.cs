namespace CryptoDigest.Storage;

/// <summary>A chat's (or a forum topic's) daily brief subscription; at most one per platform chat and thread.</summary>
public sealed class Subscription
{
    public long Id { get; set; }
    public required string Platform { get; set; }
    public required string ChatId { get; set; }

    /// <summary>The forum topic, or empty: empty rather than null so the unique key treats it as a value.</summary>
    public string ThreadId { get; set; } = string.Empty;

    public TimeOnly DeliveryTime { get; set; }
    public required string TimeZone { get; set; }

    /// <summary>Comma-separated source names, or empty for every source.</summary>
    public string SourceFilter { get; set; } = string.Empty;

    /// <summary>The brief's language: a shipped BCP 47 code (Briefs/BriefLanguages), by default the platform's locale of whoever subscribed.</summary>
    public string Language { get; set; } = "en";

    /// <summary>The topic filter as written, e.g. "+eth +defi -nft"; empty for every item.</summary>
    public string Topics { get; set; } = string.Empty;

    /// <summary>headlines, standard or in-depth.</summary>
    public string Length { get; set; } = "standard";

    /// <summary>daily, weekdays, or weekly with a day ("weekly mon").</summary>
    public string Cadence { get; set; } = "daily";

    /// <summary>Whether the brief ends with prices and changes of the coins its items mention.</summary>
    public bool MarketLine { get; set; }

    public bool Active { get; set; } = true;
    public string? DeactivatedReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
