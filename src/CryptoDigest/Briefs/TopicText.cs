using System.Globalization;
using System.Text;

namespace CryptoDigest.Briefs;

/// <summary>The text comparisons of topic filters: whole words in any case, and ticker symbols as written.</summary>
public static class TopicText
{
    /// <summary>Lower-case words separated by single spaces ("Real-World Assets" → "real world assets").</summary>
    public static string Normalize(string text)
    {
        var normalized = new StringBuilder(text.Length);
        var space = true;
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                normalized.Append(char.ToLower(c, CultureInfo.InvariantCulture));
                space = false;
            }
            else if (!space)
            {
                normalized.Append(' ');
                space = true;
            }
        }

        return normalized.ToString().TrimEnd();
    }

    /// <summary>Whether the phrase occurs in the normalized, space-padded text as whole words (a plural "s" allowed).</summary>
    public static bool ContainsPhrase(string paddedText, string phrase)
    {
        var words = Normalize(phrase);
        return words.Length > 0
            && (paddedText.Contains($" {words} ", StringComparison.Ordinal) || paddedText.Contains($" {words}s ", StringComparison.Ordinal));
    }

    /// <summary>
    /// Whether a ticker occurs as newsletters write it: in capitals ("ETH") or after a dollar sign in any
    /// case ("$eth"), never inside a word. Lower-case "link" or "ton" is a word, not Chainlink or Toncoin.
    /// </summary>
    public static bool ContainsTicker(string text, string symbol)
    {
        for (var at = text.IndexOf(symbol, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(symbol, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + symbol.Length;
            var bounded = (at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end]));
            if (!bounded)
            {
                continue;
            }

            if (string.CompareOrdinal(text, at, symbol.ToUpperInvariant(), 0, symbol.Length) == 0 || (at > 0 && text[at - 1] == '$'))
            {
                return true;
            }
        }

        return false;
    }
}
