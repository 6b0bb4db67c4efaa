using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CryptoDigest.Archive;
using CryptoDigest.Summaries;

namespace CryptoDigest.Orchestration;

/// <summary>
/// Checks a model's answer written over retrieved archive passages (docs/archive.md, "With a model"). The passages
/// were given the ids p1, p2, ... in order. A citation to an id that was not given is dropped; the ids cited become
/// footnotes [1], [2], ... that our code renders with the issue's newsletter, date and link, and a sentence citing
/// only such ids is removed (it rests on nothing the member can check). A sentence holding a
/// number that none of the cited passages (their text, title or issue date) holds, compared by value
/// (<see cref="WrittenNumbers"/>: "$1.2bn" is "$1.2 billion", "forty percent" is "40%"), is removed whole, so no figure
/// reaches a member that an issue did not print; so is a link that is not a cited issue's. When no sentence citing
/// a passage is left, there is no answer (null) and the offline one stands.
/// </summary>
public static partial class ArchiveAnswerCheck
{
    /// <summary>The id the prompt gives the passage at <paramref name="index"/> (0-based): "p1" for the first.</summary>
    public static string PassageId(int index) => "p" + (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The checked answer, or null when nothing citing a retrieved passage survives the checks.</summary>
    public static CheckedArchiveAnswer? Check(string text, IReadOnlyList<ArchiveHit> retrieved)
    {
        var lines = text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n')
            .Select(line => Sentences(line).Select(s => new Sentence(s, CitedIds(s, retrieved.Count))).ToList())
            .ToList();
        var sentences = lines.SelectMany(l => l).ToList();
        var cited = sentences.SelectMany(s => s.Valid).Distinct().Select(i => retrieved[i]).ToList();
        var allowed = cited.SelectMany(h => WrittenNumbers.Read(h.Title + " " + h.Passage).Concat(DateNumbers(h.PublishedAt))).ToList();

        var footnotes = new List<int>();
        var kept = new StringBuilder();
        var (droppedSentences, droppedCitations, uncited, citing) = (0, 0, 0, 0);
        foreach (var line in lines)
        {
            var written = new List<string>();
            foreach (var sentence in line)
            {
                droppedCitations += sentence.Invalid;
                if (sentence.Invalid > 0 && sentence.Valid.Count == 0)
                {
                    // It rests only on passages that were not retrieved: nothing the member can check.
                    uncited++;
                    continue;
                }

                var bare = Markers().Replace(sentence.Text, string.Empty);
                if (WrittenNumbers.Read(bare).Any(n => !n.Prose && !WrittenNumbers.IsHeld(n, allowed)))
                {
                    droppedSentences++;
                    continue;
                }

                citing += sentence.Valid.Count > 0 ? 1 : 0;
                var rendered = Markers().Replace(sentence.Text, m => " " + Footnotes(m.Value, retrieved.Count, footnotes));
                written.Add(BeforePunctuation().Replace(Spaces().Replace(rendered, " "), "$1"));
            }

            kept.Append(string.Join(' ', written.Where(w => w.Trim().Length > 0).Select(w => w.Trim()))).Append('\n');
        }

        if (citing == 0)
        {
            return null;
        }

        var links = footnotes.Select(i => retrieved[i].Url?.AbsoluteUri).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var answer = SummaryLinks.RemoveExcept(Blank().Replace(kept.ToString(), "\n\n").Trim(), links.Contains, "[link removed]");
        return new CheckedArchiveAnswer(answer, footnotes.Select(i => retrieved[i]).ToList(), droppedSentences, droppedCitations, uncited);
    }

    // The issue's date was given with the passage, so its day and year may be repeated.
    private static IEnumerable<WrittenNumber> DateNumbers(DateTimeOffset date) =>
        [new(date.UtcDateTime.Day, date.UtcDateTime.Day, false, false), new(date.UtcDateTime.Year, date.UtcDateTime.Year, false, false)];

    private static IEnumerable<string> Sentences(string line) => SentenceEnd().Split(line).Where(s => s.Trim().Length > 0);

    // Valid ids as 0-based indexes of the retrieved passages, and how many cited ids were not retrieved.
    private static (List<int> Valid, int Invalid) CitedIds(string sentence, int retrieved)
    {
        var ids = Markers().Matches(sentence).SelectMany(m => Id().Matches(m.Value)).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - 1).ToList();
        return (ids.Where(i => i >= 0 && i < retrieved).Distinct().ToList(), ids.Count(i => i < 0 || i >= retrieved));
    }

    // "[p2]" or "[p1, p3]" as footnotes in order of first citation, "[1]" or "[1][2]"; ids not retrieved vanish.
    private static string Footnotes(string marker, int retrieved, List<int> footnotes)
    {
        var written = new StringBuilder();
        foreach (var index in Id().Matches(marker).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - 1).Where(i => i >= 0 && i < retrieved).Distinct())
        {
            if (!footnotes.Contains(index))
            {
                footnotes.Add(index);
            }

            written.Append('[').Append((footnotes.IndexOf(index) + 1).ToString(CultureInfo.InvariantCulture)).Append(']');
        }

        return written.ToString();
    }

    private sealed record Sentence(string Text, List<int> Valid, int Invalid)
    {
        public Sentence(string text, (List<int> Valid, int Invalid) ids)
            : this(text, ids.Valid, ids.Invalid)
        {
        }
    }

    // One citation, or a run of them ("[p1][p3]", "[p1, p3]").
    [GeneratedRegex(@"\[\s*p\d+(?:\s*[,;]\s*p\d+)*\s*\](?:\s*\[\s*p\d+(?:\s*[,;]\s*p\d+)*\s*\])*", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Markers();

    [GeneratedRegex(@" {2,}", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Spaces();

    [GeneratedRegex(@" +([.,;:!?])", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BeforePunctuation();

    [GeneratedRegex(@"p(\d+)", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Id();

    // A sentence ends at . ! or ? (and the citations right after it) followed by white space.
    [GeneratedRegex(@"(?<=[.!?](?:\s*\[[^\]]{1,40}\])*)\s+(?!\[)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\n{2,}", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Blank();
}
