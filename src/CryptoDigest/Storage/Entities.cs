namespace CryptoDigest.Storage;

/// <summary>A newsletter the bot reads, with what it needs for polite conditional fetching.</summary>
public sealed class NewsletterSource
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public Uri? SiteUrl { get; set; }
    public Uri? FeedUrl { get; set; }

    /// <summary>The feed address configuration last gave: FeedUrl follows a permanent redirect, and a changed setting still wins.</summary>
    public Uri? ConfiguredFeedUrl { get; set; }

    public string Description { get; set; } = string.Empty;
    public bool Enabled { get; set; } = true;

    /// <summary>True for sources added with /sources add: their URLs get the SSRF guard, and they count against Feeds:MaxUserSources.</summary>
    public bool AddedByUser { get; set; }

    /// <summary>Who used /sources add, as "platform:user id" (e.g. telegram:123456); shown to source editors only.</summary>
    public string? AddedBy { get; set; }

    public string? ETag { get; set; }
    public string? LastModified { get; set; }
    public DateTimeOffset? LastFetchedAt { get; set; }
    public DateTimeOffset? NextFetchAt { get; set; }
    public int ConsecutiveFailures { get; set; }
    public string? LastError { get; set; }

    /// <summary>The outcome of the last fetch for /sources, e.g. "3 new, 1 updated" or "not modified".</summary>
    public string? LastStatus { get; set; }

    /// <summary>The Date of the newest issue that came by e-mail, for /sources.</summary>
    public DateTimeOffset? LastEmailIssueAt { get; set; }

    /// <summary>The outcome of the last mailbox read for this source, e.g. "1 new" or "1 message could not be read: ...".</summary>
    public string? LastEmailStatus { get; set; }
}

/// <summary>
/// How far intake of one IMAP folder has come: messages with a UID above LastUid are new. A new
/// UIDVALIDITY (the server renumbered the folder) or a change of which senders the sources claim
/// starts over from the first message; Message-ID and content-hash dedupe keep that from storing twice.
/// </summary>
public sealed class MailboxCursor
{
    public long Id { get; set; }

    /// <summary>user@host:port/folder: no secret in it.</summary>
    public required string Mailbox { get; set; }

    public long UidValidity { get; set; }
    public long LastUid { get; set; }

    /// <summary>Messages since the last start-over that no source claims: left in the mailbox, counted for admins.</summary>
    public int UnclaimedCount { get; set; }

    /// <summary>Messages since the last start-over that could not be read (broken, too large, no body).</summary>
    public int FailedCount { get; set; }

    /// <summary>Messages since the last start-over that a source claims but the trusted Authentication-Results header did not vouch for: never stored, counted for admins.</summary>
    public int UnauthenticatedCount { get; set; }

    /// <summary>A digest of the sources' EmailFrom and EmailListId when LastUid was reached.</summary>
    public string ClaimsFingerprint { get; set; } = string.Empty;

    public DateTimeOffset? LastReadAt { get; set; }
    public DateTimeOffset? NextReadAt { get; set; }
    public int ConsecutiveFailures { get; set; }
    public string? LastError { get; set; }
}

/// <summary>One newsletter issue or post, unique per (source, guid); the content hash catches edits and reposts.</summary>
public sealed class Article
{
    public long Id { get; set; }
    public long SourceId { get; set; }
    public NewsletterSource? Source { get; set; }
    public required string Guid { get; set; }
    public required string Title { get; set; }
    public Uri? Url { get; set; }
    public string? Author { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset FetchedAt { get; set; }
    public string Text { get; set; } = string.Empty;

    /// <summary>SHA-256 of the cleaned title and text, hex.</summary>
    public required string ContentHash { get; set; }

    /// <summary>A bundled sample issue, not a live one: every reply that uses it must say so.</summary>
    public bool IsSample { get; set; }
}

/// <summary>A summary of one article version, made once per (prompt version, model, content hash).</summary>
public sealed class ArticleSummary
{
    public long Id { get; set; }
    public long ArticleId { get; set; }
    public Article? Article { get; set; }
    public required string PromptVersion { get; set; }

    /// <summary>The model that wrote it, or "extractive" offline.</summary>
    public required string Model { get; set; }

    public required string ContentHash { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One composed daily edition, stored once and served to every chat. Its window is [WindowStart, WindowEnd).</summary>
public sealed class BriefEdition
{
    public long Id { get; set; }
    public DateTimeOffset WindowStart { get; set; }
    public DateTimeOffset WindowEnd { get; set; }
    public DateTimeOffset ComposedAt { get; set; }

    /// <summary>The edition as serialized reply blocks, ready for any platform to render.</summary>
    public required string Content { get; set; }
}

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

/// <summary>The lifecycle of one chat's brief for one local date.</summary>
public enum DeliveryStatus
{
    Pending,
    Claimed,
    Sent,
    Failed,
    Skipped,
}

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

/// <summary>
/// The brief of one subscription for one local date: the key (SubscriptionId, LocalDate) is
/// unique, which is what makes a second send impossible. A claim carries a lease so a dead
/// process's claim can be taken over.
/// </summary>
public sealed class Delivery
{
    public long Id { get; set; }
    public long SubscriptionId { get; set; }
    public Subscription? Subscription { get; set; }
    public DateOnly LocalDate { get; set; }
    public long? EditionId { get; set; }
    public BriefEdition? Edition { get; set; }
    public DeliveryStatus Status { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public int Attempts { get; set; }

    /// <summary>How many parts of a multi-part brief are sent: a retry resumes after them.</summary>
    public int SentParts { get; set; }

    /// <summary>Platform message ids of the sent parts, comma-separated.</summary>
    public string MessageIds { get; set; } = string.Empty;

    public string? LastError { get; set; }

    /// <summary>Why the delivery was skipped, failed or is waiting for a retry, for /status; null while nothing went wrong.</summary>
    public DeliveryReason? Reason { get; set; }

    /// <summary>
    /// Takeovers of a claim whose holder died mid-send: the part that was in flight may have reached
    /// the chat already and is sent again (Telegram has no idempotency key). Counted, never hidden.
    /// </summary>
    public int PossibleDuplicates { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>Tokens one model call used, for cost figures and the daily budget.</summary>
public sealed class ModelUsage
{
    public long Id { get; set; }

    /// <summary>The UTC day the budget counts against.</summary>
    public DateOnly Day { get; set; }

    public required string Model { get; set; }
    public int InputTokens { get; set; }
    public int OutputTokens { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An incoming platform update already taken for processing, so a re-sent one is not answered twice across instances.</summary>
public sealed class ProcessedUpdate
{
    public long Id { get; set; }
    public required string Platform { get; set; }
    public long UpdateId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>
    /// The raw update as a webhook received it, kept until it is answered or failed outright: a webhook update was
    /// acknowledged before it was processed, so after a crash this is the only copy (docs/hardening.md). Null once
    /// done, and always for polled updates (Telegram keeps those until the offset passes them).
    /// </summary>
    public string? Payload { get; set; }
}

/// <summary>
/// A chat's opt-in to link scanning, with counters only: nothing of the scanned messages is stored,
/// not even the links. At most one per platform chat.
/// </summary>
public sealed class LinkScanSetting
{
    public long Id { get; set; }
    public required string Platform { get; set; }
    public required string ChatId { get; set; }
    public bool Enabled { get; set; }
    public long MessagesScanned { get; set; }
    public long LinksChecked { get; set; }
    public long LinksFlagged { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>A market-data API response kept for reuse (docs/market-data.md): one row per request, replaced on refresh.</summary>
public sealed class MarketCacheEntry
{
    public long Id { get; set; }

    /// <summary>What was asked, e.g. "markets:usd:250:1" or "market_chart:bitcoin:365".</summary>
    public required string Key { get; set; }

    /// <summary>The body as the API sent it, already checked to parse.</summary>
    public required string Body { get; set; }

    public DateTimeOffset FetchedAt { get; set; }
}

/// <summary>
/// How a recurring job last ended, for the operator's view and alerts: one row per job name, written by
/// the job itself (compose-brief, refresh-phishing-list). FailingSince is the first failure since the last success.
/// </summary>
public sealed class JobOutcome
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset? LastSucceededAt { get; set; }
    public DateTimeOffset? LastFailedAt { get; set; }
    public DateTimeOffset? FailingSince { get; set; }
    public int ConsecutiveFailures { get; set; }
    public string? LastError { get; set; }
}

/// <summary>
/// One operator alert condition's state, shared by every instance: whether its alert is raised, and the UTC day
/// it was last announced, so each condition is announced at most once a day and cleared once.
/// </summary>
public sealed class OperatorAlert
{
    public long Id { get; set; }

    /// <summary>The condition's key, e.g. "model-budget-80" or "source-failing:Bankless".</summary>
    public required string Condition { get; set; }

    /// <summary>The condition as the raise named it, for the clearing message.</summary>
    public string Title { get; set; } = string.Empty;

    public bool Raised { get; set; }
    public DateOnly? AnnouncedOn { get; set; }
    public DateTimeOffset? RaisedAt { get; set; }
    public DateTimeOffset? ClearedAt { get; set; }
}
