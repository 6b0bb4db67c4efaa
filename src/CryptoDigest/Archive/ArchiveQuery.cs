using System.Globalization;
using CryptoDigest.Replies;

namespace CryptoDigest.Archive;

/// <summary>What to look for in the archive: the words, and optionally one newsletter and a window of days back from today.</summary>
public sealed record ArchiveQuery(string Words, string? Source, int Days)
{
    /// <summary>
    /// Reads "/search" text: words, with "source:&lt;name&gt;" and "days:&lt;n&gt;" anywhere among them (n from 1 to
    /// <paramref name="maxDays"/>, the retention). Returns null with the reason, in <paramref name="texts"/>' language
    /// (English when not given), when the text is no query.
    /// </summary>
    public static ArchiveQuery? Parse(string text, int maxDays, out string? error, ReplyTexts? texts = null)
    {
        texts ??= ReplyTexts.English;
        var words = new List<string>();
        string? source = null;
        var days = maxDays;
        foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.StartsWith("source:", StringComparison.OrdinalIgnoreCase))
            {
                source = token["source:".Length..].Replace('_', ' ').Trim();
                if (source.Length == 0)
                {
                    error = texts["Search.SourceNeedsName"];
                    return null;
                }
            }
            else if (token.StartsWith("days:", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(token["days:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out days) || days < 1 || days > maxDays)
                {
                    error = texts.Format("Search.DaysRange", maxDays);
                    return null;
                }
            }
            else
            {
                words.Add(token);
            }
        }

        if (words.Count == 0)
        {
            error = texts["Search.NoWords"];
            return null;
        }

        error = null;
        return new ArchiveQuery(string.Join(' ', words), source, days);
    }

    /// <summary>Whether a newsletter's name is the one asked for: letters and digits compared, case ignored, a part of the name enough ("glassnode" for "Glassnode Insights").</summary>
    public bool MatchesSource(string name) => Source is null || Letters(name).Contains(Letters(Source), StringComparison.Ordinal);

    private static string Letters(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
