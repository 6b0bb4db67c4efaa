using System.Globalization;
using System.Text.RegularExpressions;
using CryptoDigest.Replies;

namespace CryptoDigest.Indices;

/// <summary>
/// Our own small parser for index questions: the sub-commands (/index weights top10 capped:25,
/// /index compare top10 365d weekly, /index drawdown eth, /index concentration top10) and free
/// questions that clearly ask for a computed figure ("how concentrated is the top 10?", "how far is
/// ETH below its peak?"). Anything else is a knowledge question (null). It only reads the text; no
/// model is involved, so no number can come from one.
/// </summary>
public static partial class IndexQueryParser
{
    /// <summary>Parses the argument of /index (or a free question); null when it is not a computed question.</summary>
    /// <remarks>The error and usage lines are in <paramref name="texts"/>' language (English when null); what it reads stays English.</remarks>
    public static IndexQuery? Parse(string text, out string? error, ReplyTexts? texts = null)
    {
        error = null;
        texts ??= ReplyTexts.English;
        var words = Words().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();
        if (words.Count == 0)
        {
            return null;
        }

        var kind = words[0] switch
        {
            "weights" or "weight" or "weighting" => IndexQueryKind.Weights,
            "concentration" or "concentrated" => IndexQueryKind.Concentration,
            "compare" or "backtest" => IndexQueryKind.Compare,
            "drawdown" => IndexQueryKind.Drawdown,
            _ => (IndexQueryKind?)null,
        };
        if (kind is { } command)
        {
            return Options(command, words.Skip(1).ToList(), strict: true, texts, out error);
        }

        var free = FreeQuestionKind(text);
        if (free is null)
        {
            return null;
        }

        var query = Options(free.Value, words, strict: false, texts, out error);
        // "In 2022", "the 2022 crash", "since March": a past period is never answered with today's figures.
        if (query is not null && IndexPeriod.Find(text) is { } period)
        {
            query = query with { Period = period };
        }

        // "What does a 25 % cap change?": the cap written as a percentage in prose.
        if (query is not null && CapInProse().Match(text) is { Success: true } cap
            && WeightingScheme.TryParse("capped:" + (cap.Groups[1].Success ? cap.Groups[1].Value : cap.Groups[2].Value), out var capped, out _))
        {
            query = query with { Scheme = capped };
        }

        return query;
    }

    private static IndexQueryKind? FreeQuestionKind(string text)
    {
        if (DrawdownQuestion().IsMatch(text))
        {
            return IndexQueryKind.Drawdown;
        }

        // "Compare" and "how much of" are common words: they count only in a question about an index.
        var aboutAnIndex = IndexContext().IsMatch(text);
        if (aboutAnIndex && (CompareQuestion().IsMatch(text) || PerformanceQuestion().IsMatch(text)))
        {
            return IndexQueryKind.Compare;
        }

        if (HhiQuestion().IsMatch(text) || (aboutAnIndex && ConcentrationQuestion().IsMatch(text)))
        {
            return IndexQueryKind.Concentration;
        }

        return WeightsQuestion().IsMatch(text) || CapInProse().IsMatch(text) ? IndexQueryKind.Weights : null;
    }

    /// <summary>Reads top N, a scheme, a period, a frequency and (for drawdown) a coin; strict sub-commands refuse unknown words.</summary>
    private static IndexQuery? Options(IndexQueryKind kind, List<string> words, bool strict, ReplyTexts texts, out string? error)
    {
        error = null;
        var query = new IndexQuery(kind);
        for (var i = 0; i < words.Count; i++)
        {
            error = ReadWord(words, ref i, strict, texts, ref query);
            if (error is not null)
            {
                return null;
            }
        }

        if (kind == IndexQueryKind.Drawdown && query.Coin is null)
        {
            error = Usage(kind, texts);
            return null;
        }

        return query;
    }

    /// <summary>Reads the word at <paramref name="i"/> (and the number after a bare "top") into the query; the error line, or null.</summary>
    private static string? ReadWord(List<string> words, ref int i, bool strict, ReplyTexts texts, ref IndexQuery query)
    {
        var word = words[i];
        if (TopWord().Match(word) is { Success: true } top)
        {
            var digits = top.Groups[1].Value;
            if (digits.Length == 0 && i + 1 < words.Count && words[i + 1].All(char.IsAsciiDigit))
            {
                digits = words[++i];
            }

            return digits.Length > 0 ? ReadTop(digits, texts, ref query) : null;
        }

        if (IndexPeriod.FromWord(word) is { } year)
        {
            // A year: "/index drawdown eth 2022"; a free question's period is read from its whole text.
            query = query with { Period = year };
        }
        else if (DaysWord().Match(word) is { Success: true } period)
        {
            return ReadDays(period, texts, ref query);
        }
        else if (word is "weekly" or "monthly" or "quarterly")
        {
            query = query with { Rebalance = Enum.Parse<RebalanceFrequency>(word, ignoreCase: true) };
        }
        else if (word is "cap" or "equal" or "sqrt" || word.StartsWith("capped", StringComparison.Ordinal))
        {
            return ReadScheme(word, texts, ref query);
        }
        else if (query.Kind == IndexQueryKind.Drawdown && query.Coin is null && (strict || !StopWords.Contains(word)))
        {
            query = query with { Coin = word };
        }
        else if (strict)
        {
            return texts.Format("Index.NotUnderstood", word.Length <= 20 ? word : word[..20], Usage(query.Kind, texts));
        }

        return null;
    }

    private static string? ReadTop(string digits, ReplyTexts texts, ref IndexQuery query)
    {
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > IndexQuery.MaxTop)
        {
            return texts.Format("Index.TopRange", IndexQuery.MaxTop);
        }

        query = query with { Top = n };
        return null;
    }

    private static string? ReadDays(Match period, ReplyTexts texts, ref IndexQuery query)
    {
        var n = int.Parse(period.Groups[1].Value, CultureInfo.InvariantCulture);
        var days = period.Groups[2].Value switch { "y" => n * 365, "m" => n * 30, _ => n };
        if (days is < 2 or > IndexQuery.MaxDays)
        {
            return texts.Format("Index.DaysRange", IndexQuery.MaxDays);
        }

        query = query with { Days = days };
        return null;
    }

    private static string? ReadScheme(string word, ReplyTexts texts, ref IndexQuery query)
    {
        if (!WeightingScheme.TryParse(word == "capped" ? "capped:25" : word, out var scheme, out _))
        {
            // Only "capped..." words can fail: "capped:<bad number>" is a cap out of range, anything else an unknown scheme.
            return texts.Format(word.StartsWith("capped:", StringComparison.Ordinal) ? "Index.CapRange" : "Index.UnknownScheme", word);
        }

        query = query with { Scheme = scheme };
        return null;
    }

    public static string Usage(IndexQueryKind kind, ReplyTexts? texts = null) => (texts ?? ReplyTexts.English)[kind switch
    {
        IndexQueryKind.Weights => "Index.Usage.Weights",
        IndexQueryKind.Concentration => "Index.Usage.Concentration",
        IndexQueryKind.Compare => "Index.Usage.Compare",
        _ => "Index.Usage.Drawdown",
    }];

    // Words of a free drawdown question that are not the coin ("how far is eth below its peak").
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "how", "far", "is", "are", "the", "a", "an", "below", "under", "from", "its", "their", "peak", "high", "all", "time",
        "ath", "drawdown", "down", "off", "what", "whats", "what's", "s", "current", "currently", "of", "now", "today", "max",
        "maximum", "biggest", "largest", "worst", "fall", "fallen", "has", "have", "since", "in", "on", "did", "does", "much",
        "crypto", "coin", "price", "it", "me", "tell", "show", "please", "year", "last", "this",
        "drop", "dropped", "fell", "crash", "was", "were", "been", "during", "bear", "bull", "market", "january", "february", "march", "april",
        "may", "june", "july", "august", "september", "october", "november", "december",
    };

    [GeneratedRegex(@"[a-z0-9][a-z0-9:.%'-]*", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Words();

    [GeneratedRegex(@"^top-?(\d*)$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TopWord();

    [GeneratedRegex(@"^(\d{1,4})(d|y|m|days?)$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DaysWord();

    [GeneratedRegex(@"\b(drawdown|below (its|the|their) (peak|high|ath|all[- ]time high)|from (its|the|their) (peak|high|ath)|off (its|the) (peak|high|ath))\b", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DrawdownQuestion();

    [GeneratedRegex(@"\b(backtest\w*|would .{0,60}\b(have )?(done|performed|returned)|compare\w*|versus|vs\.?)\b", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex CompareQuestion();

    // "Did the index hold up in the 2022 crash", "how did an equal-weight index perform": a backtest, in an index's context.
    [GeneratedRegex(@"\b(h[eo]ld up|perform(ed|s)?|fared?|returns?|returned)\b", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PerformanceQuestion();

    [GeneratedRegex(@"\b(concentrat\w*|dominan\w*|how much of)\b", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ConcentrationQuestion();

    [GeneratedRegex(@"\b(hhi|herfindahl|effective (number|n) of holdings)\b", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HhiQuestion();

    [GeneratedRegex(@"\b(index|indices|indexes|top[- ]?\d+|equal[- ]weight\w*|cap[- ]weight\w*)\b", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IndexContext();

    [GeneratedRegex(@"\b(\d{1,3}(?:\.\d+)?)\s?%\s?(?:cap|weight cap|limit)\b|\bcap(?:ped)? (?:at|of) (\d{1,3}(?:\.\d+)?)\s?%", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex CapInProse();

    [GeneratedRegex(@"\b(weights?|weighted|capped at|cap (of|at) \d+)\b.{0,40}\btop\s?\d+|\btop\s?\d+\b.{0,40}\b(weights?|weighted)\b", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex WeightsQuestion();
}
