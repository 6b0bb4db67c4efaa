namespace CryptoDigest.Feeds;

/// <summary>One configured newsletter (Feeds:Sources:N).</summary>
public sealed class FeedSourceSettings
{
    public string Name { get; set; } = string.Empty;

    /// <summary>The newsletter's web site, for /sources and OPML.</summary>
    public string? SiteUrl { get; set; }

    /// <summary>The RSS or Atom address (a web page naming its feed also works); empty when the newsletter has no public feed.</summary>
    public string? FeedUrl { get; set; }

    /// <summary>One line on what it is best for.</summary>
    public string Description { get; set; } = string.Empty;

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The senders whose e-mails are this newsletter's issues, comma-separated: addresses
    /// (news@example.com) or domains (@example.com, which also covers its subdomains). Empty: not read by e-mail.
    /// </summary>
    public string EmailFrom { get; set; } = string.Empty;

    /// <summary>The newsletter's List-Id (e.g. bankless.substack.com), matched before the sender; optional.</summary>
    public string EmailListId { get; set; } = string.Empty;

    /// <summary>The EmailFrom entries, trimmed.</summary>
    public IReadOnlyList<string> SenderPatterns =>
        EmailFrom.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>True when the newsletter's issues are read from the mailbox.</summary>
    public bool ReceivesEmail => SenderPatterns.Count > 0 || !string.IsNullOrWhiteSpace(EmailListId);
}
