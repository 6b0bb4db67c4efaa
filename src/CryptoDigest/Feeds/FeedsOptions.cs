using System.ComponentModel.DataAnnotations;

namespace CryptoDigest.Feeds;

/// <summary>
/// Newsletter ingestion settings (section "Feeds"): the source list, how often and how politely
/// feeds are fetched, and the safety limits. The source list lives in appsettings.json so an
/// operator can correct a feed address without a build.
/// </summary>
public sealed class FeedsOptions : IValidatableObject
{
    public const string SectionName = "Feeds";

    /// <summary>The newsletters the bot reads; a source without FeedUrl is listed as having no public feed and is never fetched.</summary>
    public List<FeedSourceSettings> Sources { get; set; } = [];

    /// <summary>How often each source is fetched.</summary>
    [Range(1, 1440, ErrorMessage = "Feeds:IntervalMinutes must be between 1 and 1440.")]
    public int IntervalMinutes { get; set; } = 30;

    /// <summary>Fetches in flight at once, over all sources.</summary>
    [Range(1, 64, ErrorMessage = "Feeds:MaxConcurrentFetches must be between 1 and 64.")]
    public int MaxConcurrentFetches { get; set; } = 4;

    /// <summary>Fetches in flight at once to one web host (several Substack feeds share one).</summary>
    [Range(1, 16, ErrorMessage = "Feeds:MaxConcurrentFetchesPerHost must be between 1 and 16.")]
    public int MaxConcurrentFetchesPerHost { get; set; } = 2;

    /// <summary>The largest feed body read (after decompression); larger ones are refused while reading.</summary>
    [Range(1024, 104_857_600, ErrorMessage = "Feeds:MaxFeedBytes must be between 1024 and 104857600.")]
    public int MaxFeedBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Items kept from one fetch: the newest this many; a feed listing more is read up to it and logged.</summary>
    [Range(1, 1000, ErrorMessage = "Feeds:MaxItemsPerFetch must be between 1 and 1000.")]
    public int MaxItemsPerFetch { get; set; } = 100;

    /// <summary>One attempt's deadline, headers and body together.</summary>
    [Range(1, 300, ErrorMessage = "Feeds:TimeoutSeconds must be between 1 and 300.")]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Retries after a 5xx, a network error or a timeout (never after a 4xx).</summary>
    [Range(0, 10, ErrorMessage = "Feeds:MaxRetries must be between 0 and 10.")]
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first retry's delay; each further retry doubles it.</summary>
    [Range(0, 60_000, ErrorMessage = "Feeds:RetryDelayMilliseconds must be between 0 and 60000.")]
    public int RetryDelayMilliseconds { get; set; } = 1000;

    /// <summary>The longest a failing source waits before its next try (its wait doubles with each failure).</summary>
    [Range(1, 168, ErrorMessage = "Feeds:MaxBackoffHours must be between 1 and 168.")]
    public int MaxBackoffHours { get; set; } = 12;

    /// <summary>Redirects followed per fetch, each re-checked by the address guard.</summary>
    [Range(0, 10, ErrorMessage = "Feeds:MaxRedirects must be between 0 and 10.")]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Lets feeds be fetched from loopback addresses (local testing only); private, link-local and metadata addresses stay refused.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>
    /// The people who may use /sources add and /sources remove, as "platform:user id" entries
    /// (telegram:123456, discord:987654321012345678). Sources are shared by every chat, so being a
    /// chat's admin is not enough (docs/source-editors.md). Empty: only the console chat edits sources.
    /// </summary>
    public List<string> SourceEditors { get; set; } = [];

    /// <summary>The most sources /sources add may create in all; further adds are refused.</summary>
    [Range(0, 1000, ErrorMessage = "Feeds:MaxUserSources must be between 0 and 1000.")]
    public int MaxUserSources { get; set; } = 20;

    /// <summary>Names the bot to the sites it reads (Substack and Cloudflare refuse requests without one).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Feeds:UserAgent must not be empty.")]
    public string UserAgent { get; set; } = "CryptoDigestBot/1.0 (newsletter digest bot; +https://github.com/cryptodigest/cryptodigest)";

    /// <summary>Store the bundled sample issues (labelled as samples) while no live article exists.</summary>
    public bool UseSamplesWhenOffline { get; set; } = true;

    public TimeSpan Interval => TimeSpan.FromMinutes(IntervalMinutes);

    /// <summary>The setting that let every chat admin edit the shared sources; a start with it on fails (see <see cref="RetiredAdminSetting"/>).</summary>
    public const string RetiredAdminSettingKey = "Feeds:AllowChatAdminsToEditSources";

    /// <summary>Why the start fails when the retired setting is still on, and what replaces it.</summary>
    public const string RetiredAdminSetting =
        RetiredAdminSettingKey + " is no longer supported: sources are shared by every chat, so chat admins cannot edit them. " +
        "List the people who may in Feeds:SourceEditors (e.g. \"telegram:123456\") and remove the old setting.";

    // Telegram's stand-ins for anonymous senders: one id shared by every anonymous group admin
    // (GroupAnonymousBot), channel posts in discussion groups, and channel signatures.
    private static readonly string[] SharedTelegramIds = ["1087968824", "777000", "136817688"];

    /// <summary>
    /// Whether "platform:user id" names a listed source editor; the platform is compared without
    /// regard to case, the id exactly.
    /// </summary>
    public bool ListsSourceEditor(string platform, string userId) =>
        userId.Length > 0 && SourceEditors.Any(e => ParseEditor(e) is { } editor
            && string.Equals(editor.Platform, platform, StringComparison.OrdinalIgnoreCase)
            && editor.UserId == userId);

    private static (string Platform, string UserId)? ParseEditor(string entry)
    {
        var parts = entry.Trim().Split(':');
        return parts.Length == 2
            && parts[0].ToLowerInvariant() is "telegram" or "discord"
            && parts[1].Length is > 0 and <= 20
            && parts[1][0] != '0'
            && parts[1].All(char.IsAsciiDigit)
            ? (parts[0].ToLowerInvariant(), parts[1])
            : null;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < SourceEditors.Count; i++)
        {
            var entry = SourceEditors[i] ?? string.Empty;
            if (ParseEditor(entry) is not { } editor)
            {
                yield return new ValidationResult(
                    $"Feeds:SourceEditors:{i} '{entry}' must be a platform and a user id, e.g. telegram:123456 or discord:987654321012345678.",
                    [nameof(SourceEditors)]);
            }
            else if (editor.Platform == "telegram" && SharedTelegramIds.Contains(editor.UserId))
            {
                yield return new ValidationResult(
                    $"Feeds:SourceEditors:{i} '{entry}' is the id Telegram gives anonymous senders (shared by many people), not a person's.",
                    [nameof(SourceEditors)]);
            }
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Sources.Count; i++)
        {
            var source = Sources[i];
            var key = $"Feeds:Sources:{i}";
            if (string.IsNullOrWhiteSpace(source.Name))
            {
                yield return new ValidationResult($"{key}:Name must not be empty.", [nameof(Sources)]);
            }
            else if (!names.Add(source.Name.Trim()))
            {
                yield return new ValidationResult($"{key}:Name '{source.Name}' is used by another source; names must be unique.", [nameof(Sources)]);
            }

            foreach (var (field, value) in new[] { ("FeedUrl", source.FeedUrl), ("SiteUrl", source.SiteUrl) })
            {
                if (!string.IsNullOrWhiteSpace(value) && !IsHttpUrl(value))
                {
                    yield return new ValidationResult($"{key}:{field} '{value}' must be an absolute http or https URL.", [nameof(Sources)]);
                }
            }

            foreach (var pattern in source.SenderPatterns)
            {
                if (!Email.SenderPattern.IsValid(pattern))
                {
                    yield return new ValidationResult($"{key}:EmailFrom '{pattern}' must be an address (news@example.com) or a domain (@example.com).", [nameof(Sources)]);
                }
            }

            if (!string.IsNullOrWhiteSpace(source.EmailListId) && source.EmailListId.Trim().Trim('<', '>').Any(c => char.IsWhiteSpace(c) || c is '<' or '>'))
            {
                yield return new ValidationResult($"{key}:EmailListId '{source.EmailListId}' must be one List-Id, e.g. bankless.substack.com.", [nameof(Sources)]);
            }
        }
    }

    /// <summary>True for an absolute http or https URL, the only kind a source may have.</summary>
    public static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
