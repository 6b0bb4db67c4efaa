using CryptoDigest.Knowledge;

namespace CryptoDigest.Archive;

/// <summary>
/// Shorthand a member typed for words an issue writes out: capitals standing for the words' initials ("OI" for "open
/// interest") or for letters of one word in order ("HLV" for "Halvard", "PH" for "petahash"), and a word clipped to its
/// first letters and made plural ("liqs" for "liquidations"). Such a word is no name the issue lacks.
/// </summary>
public static class TypedShorthand
{
    /// <summary>Whether <paramref name="typed"/>, as the member wrote it, is shorthand for words of <paramref name="text"/>.</summary>
    public static bool IsShorthandIn(string typed, string text)
    {
        if (typed.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        var words = NameWords.Words(text).ToList();
        if (typed.Length is >= 2 and <= 5 && typed.All(char.IsAsciiLetterUpper))
        {
            var letters = typed.ToLowerInvariant();
            return Initials(words, letters) || words.Any(w => w.Length >= letters.Length + 3 && w[0] == letters[0] && InOrder(w, letters));
        }

        // A clipped plural keeps at least three letters of the word it clips ("liqs"): fewer would stand for too many words.
        if (typed.Length >= 4 && typed.EndsWith('s') && typed.All(char.IsAsciiLetterLower))
        {
            var stem = typed[..^1];
            return words.Any(w => w.Length > typed.Length && w.StartsWith(stem, StringComparison.Ordinal));
        }

        return false;
    }

    // Consecutive words whose first letters spell the shorthand ("open interest").
    private static bool Initials(List<string> words, string letters) =>
        Enumerable.Range(0, Math.Max(0, words.Count - letters.Length + 1))
            .Any(i => Enumerable.Range(0, letters.Length).All(k => words[i + k].Length > 0 && words[i + k][0] == letters[k]));

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
