using System.Globalization;
using System.Text.Json;
using CryptoDigest.Knowledge;

namespace CryptoDigest.Security.LinkCheck;

/// <summary>
/// Known-bad lists in MetaMask's eth-phishing-detect format (docs/link-check.md): the classic object
/// (version, tolerance, fuzzylist, whitelist, blacklist), its newer allowlist/blocklist spelling, or an
/// array of such configs. The allowlist always wins over the blocklist, which wins over fuzzy matches;
/// an entry matches its own host and every subdomain of it.
/// </summary>
public sealed class PhishingLists
{
    private readonly HashSet<string> allowed;
    private readonly Dictionary<string, string> blocked;
    private readonly List<(string Entry, string Trimmed, int Tolerance, string Source)> fuzzy;

    private PhishingLists(HashSet<string> allowed, Dictionary<string, string> blocked, List<(string, string, int, string)> fuzzy)
    {
        this.allowed = allowed;
        this.blocked = blocked;
        this.fuzzy = fuzzy;
    }

    public static PhishingLists Empty { get; } = new([], [], []);

    public int BlockedCount => blocked.Count;
    public int AllowedCount => allowed.Count;
    public int FuzzyCount => fuzzy.Count;

    /// <summary>Reads every (source name, JSON text) pair; a malformed list throws <see cref="FormatException"/> naming it.</summary>
    public static PhishingLists Parse(IEnumerable<(string Source, string Json)> lists)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        var blocked = new Dictionary<string, string>(StringComparer.Ordinal);
        var fuzzy = new List<(string, string, int, string)>();
        foreach (var (source, json) in lists)
        {
            try
            {
                using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                var configs = document.RootElement.ValueKind == JsonValueKind.Array
                    ? document.RootElement.EnumerateArray().ToList()
                    : [document.RootElement];
                foreach (var config in configs)
                {
                    if (config.ValueKind != JsonValueKind.Object)
                    {
                        throw new FormatException($"the list {source} holds something other than configs");
                    }

                    var tolerance = config.TryGetProperty("tolerance", out var t) && t.TryGetInt32(out var tv) ? Math.Clamp(tv, 0, 3) : 1;
                    foreach (var entry in Entries(config, "allowlist").Concat(Entries(config, "whitelist")))
                    {
                        allowed.Add(entry);
                    }

                    foreach (var entry in Entries(config, "blocklist").Concat(Entries(config, "blacklist")))
                    {
                        blocked.TryAdd(entry, source);
                    }

                    foreach (var entry in Entries(config, "fuzzylist"))
                    {
                        fuzzy.Add((entry, WithoutLastLabel(entry), tolerance, source));
                    }
                }
            }
            catch (JsonException ex)
            {
                throw new FormatException($"the list {source} is not valid JSON: {ex.Message}", ex);
            }
        }

        return new PhishingLists(allowed, blocked, fuzzy);
    }

    /// <summary>Reads list files; a missing file is skipped (the refresh may not have run yet).</summary>
    public static PhishingLists Load(IEnumerable<string> paths) =>
        Parse(paths.Where(File.Exists).Select(p => (Path.GetFileName(p), File.ReadAllText(p))));

    /// <summary>The lists' verdict on an ASCII host, in eth-phishing-detect's order.</summary>
    public ListMatch Check(string host)
    {
        if (FindSuffixMatch(host, allowed.Contains) is { } allowedEntry)
        {
            return new ListMatch(ListVerdict.Allowed, allowedEntry);
        }

        if (FindSuffixMatch(host, blocked.ContainsKey) is { } blockedEntry)
        {
            return new ListMatch(ListVerdict.Blocked, blockedEntry, blocked[blockedEntry]);
        }

        // Fuzzy: the host without its last label and a leading "www.", against each entry without its last label.
        var trimmed = WithoutLastLabel(host);
        if (trimmed.StartsWith("www.", StringComparison.Ordinal))
        {
            trimmed = trimmed[4..];
        }

        foreach (var (entry, entryTrimmed, tolerance, source) in fuzzy)
        {
            if (host != entry && !host.EndsWith("." + entry, StringComparison.Ordinal)
                && EditDistance.Levenshtein(trimmed, entryTrimmed) <= tolerance)
            {
                return new ListMatch(ListVerdict.FuzzyMatch, entry, source);
            }
        }

        return new ListMatch(ListVerdict.NotListed);
    }

    /// <summary>Whether the host, or a domain it is a subdomain of, satisfies the test; returns that domain.</summary>
    internal static string? FindSuffixMatch(string host, Func<string, bool> contains)
    {
        var candidate = host;
        while (true)
        {
            if (contains(candidate))
            {
                return candidate;
            }

            var dot = candidate.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                return null;
            }

            candidate = candidate[(dot + 1)..];
        }
    }

    private static IEnumerable<string> Entries(JsonElement config, string name)
    {
        if (!config.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        var idn = new IdnMapping { AllowUnassigned = true };
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { } raw)
            {
                continue;
            }

            var entry = raw.Trim().Trim('.').ToLowerInvariant();
            if (entry.Length == 0)
            {
                continue;
            }

            string? ascii;
            try
            {
                ascii = entry.All(char.IsAscii) ? entry : idn.GetAscii(entry);
            }
            catch (ArgumentException)
            {
                ascii = null;
            }

            if (ascii is not null)
            {
                yield return ascii;
            }
        }
    }

    private static string WithoutLastLabel(string host)
    {
        var dot = host.LastIndexOf('.');
        return dot > 0 ? host[..dot] : host;
    }
}
