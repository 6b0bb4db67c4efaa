namespace CryptoDigest.Feeds.Email;

/// <summary>
/// Finds which configured newsletter an e-mail is an issue of: a List-Id match first (it names
/// the list itself), then an exact sender address, then the longest matching sender domain;
/// ties go to the first source in configuration order. Null: no source claims it.
/// </summary>
public sealed class EmailSourceMatcher(IReadOnlyList<FeedSourceSettings> sources)
{
    private readonly IReadOnlyList<FeedSourceSettings> _sources = sources.Where(s => s.Enabled && s.ReceivesEmail).ToList();

    /// <summary>True when at least one enabled source is read by e-mail.</summary>
    public bool HasSources => _sources.Count > 0;

    /// <summary>A stable digest of the claims: when it changes, messages passed over before may now belong to a source.</summary>
    public string Fingerprint => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
        string.Join('\n', _sources.Select(s => $"{s.Name.Trim()}|{string.Join(',', s.SenderPatterns).ToLowerInvariant()}|{ListIdOf(s.EmailListId)}")))));

    /// <param name="fromAddresses">The From header's addresses.</param>
    /// <param name="listId">The List-Id header's raw value, if any.</param>
    public FeedSourceSettings? Match(IEnumerable<string> fromAddresses, string? listId)
    {
        var id = ListIdOf(listId);
        if (id.Length > 0 && _sources.FirstOrDefault(s => ListIdOf(s.EmailListId) == id) is { } byList)
        {
            return byList;
        }

        var addresses = fromAddresses.Select(a => a.Trim()).Where(a => a.Length > 0).ToList();
        var exact = _sources.FirstOrDefault(s => s.SenderPatterns.Any(p => !p.StartsWith('@') && addresses.Any(a => SenderPattern.Matches(p, a))));
        if (exact is not null)
        {
            return exact;
        }

        return _sources
            .Select((source, order) => (source, order, length: source.SenderPatterns
                .Where(p => p.StartsWith('@') && addresses.Any(a => SenderPattern.Matches(p, a)))
                .Select(p => p.Length)
                .DefaultIfEmpty(0)
                .Max()))
            .Where(c => c.length > 0)
            .OrderByDescending(c => c.length)
            .ThenBy(c => c.order)
            .Select(c => c.source)
            .FirstOrDefault();
    }

    /// <summary>
    /// The list identifier of a List-Id value: "Bankless &lt;bankless.substack.com&gt;" and
    /// "bankless.substack.com" both give "bankless.substack.com" (RFC 2919: the part in angle brackets).
    /// </summary>
    internal static string ListIdOf(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }

        var open = value.LastIndexOf('<');
        var close = value.LastIndexOf('>');
        var id = open >= 0 && close > open ? value[(open + 1)..close] : value;
        return id.Trim().ToLowerInvariant();
    }
}
