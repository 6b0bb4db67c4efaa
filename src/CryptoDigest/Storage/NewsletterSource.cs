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
