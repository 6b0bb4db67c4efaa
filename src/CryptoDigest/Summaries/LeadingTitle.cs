namespace CryptoDigest.Summaries;

/// <summary>
/// Keeps a summary from opening with its own title: many issues begin with their headline, and a
/// summary shown under that title must not say it again word for word. Titles and sentences are
/// compared by their words alone (letters and digits, without case), so "🥛 Bitcoin breaks out"
/// and "Bitcoin breaks out:" are the same.
/// </summary>
public static class LeadingTitle
{
    /// <summary>True when <paramref name="sentence"/> says nothing but <paramref name="title"/>.</summary>
    public static bool IsTitle(string sentence, string? title)
    {
        var words = Words(title);
        return words.Count > 0 && Words(sentence).Select(w => w.Word).SequenceEqual(words.Select(w => w.Word));
    }

    /// <summary>
    /// The summary without a leading repetition of the title (and the punctuation after it), its
    /// first letter raised; unchanged when it does not start with the title followed by the end
    /// of a sentence or clause, since a one-word title such as "Bitcoin" may well begin a sentence.
    /// </summary>
    public static string Remove(string summary, string? title)
    {
        var titleWords = Words(title).Select(w => w.Word).ToList();
        if (titleWords.Count == 0 || string.IsNullOrEmpty(summary))
        {
            return summary;
        }

        var rest = summary;
        // A model may repeat it twice ("Title. Title: ..."); each pass takes one off.
        for (var pass = 0; pass < 3; pass++)
        {
            var words = Words(rest);
            if (words.Count < titleWords.Count || !words.Take(titleWords.Count).Select(w => w.Word).SequenceEqual(titleWords))
            {
                break;
            }

            var end = words[titleWords.Count - 1].End;
            var next = end;
            while (next < rest.Length && (char.IsWhiteSpace(rest[next]) || IsClauseEnd(rest[next])))
            {
                next++;
            }

            var ended = next == rest.Length || rest[end..next].Any(c => IsClauseEnd(c) || c == '\n');
            if (!ended)
            {
                break;
            }

            rest = rest[next..];
        }

        return rest.Length > 0 && char.IsLower(rest[0]) ? char.ToUpperInvariant(rest[0]) + rest[1..] : rest;
    }

    private static bool IsClauseEnd(char c) => c is '.' or ':' or ';' or '!' or '?' or '|' or '-' or '–' or '—' or ',';

    /// <summary>The words (runs of letters and digits, lower-cased) with where each ends.</summary>
    private static List<(string Word, int End)> Words(string? text)
    {
        var words = new List<(string, int)>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        for (var i = 0; i < text.Length;)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            words.Add((text[start..i].ToLowerInvariant(), i));
        }

        return words;
    }
}
