using System.Globalization;
using System.Text.RegularExpressions;
using CryptoDigest.Replies;

namespace CryptoDigest.Indices;

/// <summary>
/// A past period a figure request names ("in 2022", "the 2022 crash", "since March", "the last bear market"), so a
/// question about it is never answered with today's figures (docs/market-data.md, "Time in questions"). A year or
/// "since &lt;month&gt;" has dates; a named episode without a year ("the last bear market") has none, since which dates
/// it means is an opinion, not something the data says.
/// </summary>
/// <param name="Label">The period as the member wrote it, for the answer ("2022", "since March", "the last bear market").</param>
public sealed partial record IndexPeriod(string Label, int? Year = null, int? SinceMonth = null, int? SinceYear = null)
{
    private const int FirstYear = 2009;

    private static readonly string[] Months =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>The period's first and last day as of <paramref name="today"/>; null when it names no dates (a named episode).</summary>
    public (DateOnly From, DateOnly To)? Dates(DateOnly today)
    {
        if (Year is { } year)
        {
            var end = new DateOnly(year, 12, 31);
            return (new DateOnly(year, 1, 1), end < today ? end : today);
        }

        if (SinceMonth is { } month)
        {
            var from = new DateOnly(SinceYear ?? today.Year, month, 1);
            // "Since March" asked in February means last March.
            return (SinceYear is null && from > today ? from.AddYears(-1) : from, today);
        }

        return SinceYear is { } since ? (new DateOnly(since, 1, 1), today) : null;
    }

    /// <summary>"2022-01-01 to 2022-12-31".</summary>
    public static string Span(DateOnly from, DateOnly to) => Span(from, to, ReplyTexts.English);

    /// <summary>The same span in a reply's language; the dates themselves are written the same way in every language.</summary>
    public static string Span(DateOnly from, DateOnly to, ReplyTexts texts) =>
        texts.Format("Index.Span", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>The period a question names, or null when it names none (the figure is then today's, over its usual window).</summary>
    public static IndexPeriod? Find(string text)
    {
        if (Since().Match(text) is { Success: true } since)
        {
            var month = since.Groups["month"].Success ? MonthNumber(since.Groups["month"].Value) : (int?)null;
            var year = since.Groups["year"].Success ? int.Parse(since.Groups["year"].Value, CultureInfo.InvariantCulture) : (int?)null;
            if (year is null or >= FirstYear)
            {
                return new IndexPeriod("since " + since.Groups["what"].Value.Trim(), SinceMonth: month, SinceYear: year);
            }
        }

        if (YearWord().Match(text) is { Success: true } found
            && int.Parse(found.Value, CultureInfo.InvariantCulture) is var y and >= FirstYear)
        {
            return new IndexPeriod(found.Value, Year: y);
        }

        return Episode().Match(text) is { Success: true } episode ? new IndexPeriod(episode.Value.ToLowerInvariant()) : null;
    }

    /// <summary>Reads a word of an /index sub-command as a year ("/index drawdown eth 2022").</summary>
    public static IndexPeriod? FromWord(string word) =>
        word.Length == 4 && int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= FirstYear and < 2100
            ? new IndexPeriod(word, Year: year)
            : null;

    private static int MonthNumber(string name)
    {
        var lower = name.ToLowerInvariant();
        return Array.FindIndex(Months, m => m.StartsWith(lower, StringComparison.Ordinal)) + 1;
    }

    [GeneratedRegex(@"\bsince (?<what>(?<month>jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\b(\s+(?<year>(19|20)\d\d)\b)?|(?<year>(19|20)\d\d)\b)", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Since();

    // A year on its own ("in 2022", "the 2022 crash"), not part of a longer number, a ticker or a period such as "2022d".
    [GeneratedRegex(@"(?<![\w.$%-])20[0-9]{2}(?![\w.%])", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex YearWord();

    [GeneratedRegex(@"\b((the )?(last|previous|latest|past|next|first) )?(bear market|bull market|bull run|bear run|crypto winter|(market )?crash|capitulation|halving cycle|last cycle|previous cycle)\b", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Episode();
}
