using System.Text.RegularExpressions;
using CryptoDigest.Knowledge;

namespace CryptoDigest.Archive;

/// <summary>
/// Shorthand a member typed for words an issue writes out: capitals standing for the words' initials ("OI" for "open
/// interest") or for letters of one word in order ("HLV" for "Halvard", "PH" for "petahash"), and a word clipped to its
/// first letters and made plural ("liqs" for "liquidations"), and a compound typed closed that the issue writes with a
/// hyphen ("postmortem" for "post-mortem", "timelocks" for "time-locks"). Such a word is no name the issue lacks.
/// </summary>
public static partial class TypedShorthand
{
    /// <summary>Whether <paramref name="typed"/>, as the member wrote it, is shorthand for words of <paramref name="text"/>.</summary>
    public static bool IsShorthandIn(string typed, string text)
    {
        if (typed.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        var words = NameWords.Words(text).ToList();
        // Capitals anywhere mark shorthand ("OI", "BoE" for "Bank of England").
        if (typed.Length is >= 2 and <= 5 && typed.All(char.IsAsciiLetter) && typed.Skip(1).Any(char.IsAsciiLetterUpper))
        {
            var letters = typed.ToLowerInvariant();
            return Initials(words, letters) || words.Any(w => w.Length >= letters.Length + 3 && w[0] == letters[0] && InOrder(w, letters));
        }

        // In lower case, only where no small word stands in the initials ("etp" for "exchange-traded products", not for "each
        // time the price"), and a word without vowels after its first letter for a longer one ("avg" for "average").
        if ((typed.Length is >= 3 and <= 4 || (typed.Length == 5 && typed.EndsWith('s'))) && typed.All(char.IsAsciiLetterLower))
        {
            var content = words.Select(w => w.Length > 3 ? w : string.Empty).ToList();
            // A plural of initials ("etps") stands for the same words.
            var letters = typed.Length >= 4 && typed.EndsWith('s') ? typed[..^1] : typed;
            if ((letters.Length >= 3 && (Initials(content, letters) || InitialsOfAName(text, letters, onlyOf: letters.Length == 3)))
                || (!typed.Skip(1).Any(IsVowel) && words.Any(w => w.Length >= typed.Length + 3 && w[0] == typed[0] && InOrder(w, typed))))
            {
                return true;
            }
        }

        if (typed.All(char.IsAsciiLetterLower) && IsClosedCompoundIn(typed, text))
        {
            return true;
        }

        // A clipped plural keeps at least three letters of the word it clips ("liqs"): fewer would stand for too many words.
        if (typed.Length >= 4 && typed.EndsWith('s') && typed.All(char.IsAsciiLetterLower))
        {
            var stem = typed[..^1];
            return words.Any(w => w.Length > typed.Length && w.StartsWith(stem, StringComparison.Ordinal));
        }

        return false;
    }

    /// <summary>Whether the text writes <paramref name="typed"/> as a compound with a hyphen inside ("time-locks" for "timelocks").</summary>
    public static bool IsClosedCompoundIn(string typed, string text) =>
        Hyphenated().Matches(text).Any(m =>
        {
            var closed = m.Value.Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
            return closed.StartsWith(typed, StringComparison.Ordinal) && closed.Length <= typed.Length + 2;
        });

    [GeneratedRegex(@"\p{L}+(?:-\p{L}+)+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Hyphenated();

    /// <summary>The text with each hyphen between two letters taken out: "post-mortem" becomes "postmortem".</summary>
    public static string Closed(string text) =>
        string.Create(text.Length, text, (span, source) =>
        {
            var at = 0;
            for (var i = 0; i < source.Length; i++)
            {
                if (source[i] == '-' && i > 0 && i + 1 < source.Length && char.IsLetter(source[i - 1]) && char.IsLetter(source[i + 1]))
                {
                    continue;
                }

                span[at++] = source[i];
            }

            span[at..].Fill(' ');
        });

    // Consecutive words whose first letters spell the shorthand ("open interest").
    private static bool Initials(List<string> words, string letters) =>
        Enumerable.Range(0, Math.Max(0, words.Count - letters.Length + 1))
            .Any(i => Enumerable.Range(0, letters.Length).All(k => words[i + k].Length > 0 && words[i + k][0] == letters[k]));

    // Four initials or more may count a small word inside a name written with capitals ("pboc" for "People's Bank of
    // China", the possessive's "s" left out): the name's longer words capitalised, its first and last among them. Three
    // may count only an "of" ("boc" for "Bank of Canada", not for "Bitcoin on Coinbase").
    private static bool InitialsOfAName(string text, string letters, bool onlyOf)
    {
        var kept = NameWords.WrittenWords(text).Where((w, i) => !(w == "s" && i > 0)).ToList();
        bool IsNameWord(string w) => w.Length > 3 && char.IsUpper(w[0]);
        return Enumerable.Range(0, Math.Max(0, kept.Count - letters.Length + 1))
            .Any(i => IsNameWord(kept[i]) && IsNameWord(kept[i + letters.Length - 1])
                && Enumerable.Range(0, letters.Length).All(k => char.ToLowerInvariant(kept[i + k][0]) == letters[k] && ((kept[i + k].Length <= 3 && (!onlyOf || kept[i + k] == "of")) || IsNameWord(kept[i + k]))));
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    // The letters appear in the word in the same order ("hlv" in "halvard").
    private static bool InOrder(string word, string letters)
    {
        var at = 0;
        foreach (var c in word)
        {
            if (at < letters.Length && c == letters[at])
            {
                at++;
            }
        }

        return at == letters.Length;
    }
}
