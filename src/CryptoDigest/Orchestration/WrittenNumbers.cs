using System.Globalization;
using System.Text.RegularExpressions;

namespace CryptoDigest.Orchestration;

/// <summary>
/// Reads the numbers a text writes so that a model's answer and a passage are compared by value, not by text
/// (docs/archive.md, "the number rule"): digits with their decimal part and thousands separators ("$1,200.5"), a
/// scale after them ("1.2bn", "$1.2 billion", "16k", "2.3M"), and numbers in words ("three billion", "forty-two",
/// "a million"). A percent sign or word changes nothing ("40 %", "40%" and "forty percent" are all 40). A digit glued
/// to a letter before it ("L2", "Q3", "p1") is a name, not a number.
/// </summary>
public static partial class WrittenNumbers
{
    private static readonly Dictionary<string, decimal> Units = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20,
        ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    // Scale words, after a space or glued to the digits.
    private static readonly Dictionary<string, decimal> ScaleWords = new(StringComparer.Ordinal)
    {
        ["thousand"] = 1e3m, ["million"] = 1e6m, ["mn"] = 1e6m, ["mln"] = 1e6m, ["billion"] = 1e9m, ["bn"] = 1e9m,
        ["bln"] = 1e9m, ["trillion"] = 1e12m, ["tn"] = 1e12m, ["trn"] = 1e12m,
    };

    // Single-letter scales count only glued to the digits ("16k", "$40b"), where they cannot be a word of their own.
    private static readonly Dictionary<string, decimal> ScaleLetters = new(StringComparer.Ordinal)
    {
        ["k"] = 1e3m, ["m"] = 1e6m, ["b"] = 1e9m, ["t"] = 1e12m,
    };

    /// <summary>The numbers the text writes, in order.</summary>
    public static IReadOnlyList<WrittenNumber> Read(string text)
    {
        var tokens = Token().Matches(text).ToList();
        var numbers = new List<WrittenNumber>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var read = char.IsAsciiDigit(token.Value[0]) ? ReadDigits(text, tokens, ref i) : ReadWords(text, tokens, ref i);
            if (read is not null)
            {
                numbers.Add(read);
            }
        }

        return numbers;
    }

    /// <summary>
    /// Whether a number of an answer is one the passages hold: the same value ("$1.2bn" for "$1.2 billion", "3 billion"
    /// for "three billion"), or, written without a scale, the same figure before its scale ("1.2" for "$1.2 billion").
    /// </summary>
    public static bool IsHeld(WrittenNumber number, IReadOnlyCollection<WrittenNumber> held) =>
        held.Any(h => h.Value == number.Value || (!number.Scaled && h.Mantissa == number.Mantissa));

    private static WrittenNumber? ReadDigits(string text, List<Match> tokens, ref int i)
    {
        var token = tokens[i];
        // "L2", "p3", "0x1f": a digit glued to a letter, a point or another figure is not a figure of its own.
        if (token.Index > 0 && (char.IsLetter(text[token.Index - 1]) || text[token.Index - 1] is '.' or ','))
        {
            return null;
        }

        if (!decimal.TryParse(token.Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var mantissa))
        {
            return null;
        }

        if (i + 1 < tokens.Count && Scale(text, token, tokens[i + 1]) is { } scale)
        {
            i++;
            return new WrittenNumber(mantissa, mantissa * scale, true, false);
        }

        return new WrittenNumber(mantissa, mantissa, false, false);
    }

    // A run of number words ("three hundred and twenty million"), or "a"/"an" before a scale word ("a billion").
    private static WrittenNumber? ReadWords(string text, List<Match> tokens, ref int i)
    {
        var first = tokens[i].Value.ToLowerInvariant();
        var next = i + 1 < tokens.Count && Joined(text, tokens[i], tokens[i + 1]) ? tokens[i + 1].Value.ToLowerInvariant() : null;
        if (first is "a" or "an" && next is not null && (ScaleWords.ContainsKey(next) || next == "hundred"))
        {
            return Run(text, tokens, ref i, 1);
        }

        return Units.TryGetValue(first, out var unit) ? Run(text, tokens, ref i, unit) : null;
    }

    // Reads on from the number word at i: units and tens add, "hundred" multiplies, a scale word closes a group.
    private static WrittenNumber Run(string text, List<Match> tokens, ref int i, decimal current)
    {
        var (total, lastScale, scaled, words) = (0m, 1m, false, 1);

        while (i + 1 < tokens.Count && Joined(text, tokens[i], tokens[i + 1]))
        {
            var word = tokens[i + 1].Value.ToLowerInvariant();
            var afterAnd = word == "and" && i + 2 < tokens.Count && Joined(text, tokens[i + 1], tokens[i + 2]) && Units.ContainsKey(tokens[i + 2].Value.ToLowerInvariant());
            if (afterAnd)
            {
                i++;
                continue;
            }

            if (Units.TryGetValue(word, out var unit))
            {
                current += unit;
            }
            else if (word == "hundred")
            {
                current = (current == 0 ? 1 : current) * 100;
            }
            else if (ScaleWords.TryGetValue(word, out var scale))
            {
                total += (current == 0 ? 1 : current) * scale;
                (current, lastScale, scaled) = (0, scale, true);
            }
            else
            {
                break;
            }

            i++;
            words++;
        }

        var value = total + current;
        var mantissa = scaled && current == 0 ? value / lastScale : value;
        var percent = i + 1 < tokens.Count && IsPercent(text, tokens[i], tokens[i + 1]);
        return new WrittenNumber(mantissa, value, scaled, words == 1 && value <= 10 && !percent);
    }

    private static decimal? Scale(string text, Match number, Match next)
    {
        var word = next.Value.ToLowerInvariant();
        var glued = next.Index == number.Index + number.Length;
        return ScaleWords.TryGetValue(word, out var scale) && (glued || Joined(text, number, next)) ? scale
            : glued && ScaleLetters.TryGetValue(word, out var letter) ? letter
            : null;
    }

    private static bool IsPercent(string text, Match number, Match next) =>
        next.Value is "%" || (Joined(text, number, next) && next.Value.ToLowerInvariant() is "percent" or "pct" or "per");

    // Two tokens with only spaces or a hyphen between them ("forty-two", "three billion").
    private static bool Joined(string text, Match left, Match right)
    {
        var gap = text.AsSpan(left.Index + left.Length, right.Index - left.Index - left.Length);
        return gap.Length <= 3 && (gap.IsEmpty || gap.Trim(" -\u00a0").IsEmpty);
    }

    [GeneratedRegex(@"\d+(?:[.,]\d+)*|\p{L}+|%", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Token();
}
