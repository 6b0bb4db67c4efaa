using System.Globalization;

namespace CryptoDigest.Archive;

/// <summary>
/// A time a question asks about in words ("in october", "mid nov", "after thanksgiving", "a couple months ago"), read
/// without a clock and placed on the calendar when answered (<see cref="Resolve"/>): the most recent such time, widened
/// by a few days each side (more after a month), since a newsletter writes about a time after it ends.
/// </summary>
public sealed record QuestionPeriod(string Phrase, Func<DateTimeOffset, (DateTimeOffset From, DateTimeOffset To)> Resolve)
{
    private const int SlackBefore = 2;

    /// <summary>The month asked about as newsletters write it ("October"), when the question asks about a whole one ("in october").</summary>
    public string? Month { get; init; }

    private const int SlackAfter = 5;

    // A month's figures are written up in the days after it ends ("Polymarket did $3.9 billion in October", on 2 November).
    private const int MonthReported = 10;

    private static readonly Dictionary<string, int> Months = new(StringComparer.Ordinal)
    {
        ["jan"] = 1, ["january"] = 1, ["feb"] = 2, ["february"] = 2, ["mar"] = 3, ["march"] = 3, ["apr"] = 4, ["april"] = 4,
        ["may"] = 5, ["jun"] = 6, ["june"] = 6, ["jul"] = 7, ["july"] = 7, ["aug"] = 8, ["august"] = 8, ["sep"] = 9,
        ["sept"] = 9, ["september"] = 9, ["oct"] = 10, ["october"] = 10, ["nov"] = 11, ["november"] = 11, ["dec"] = 12, ["december"] = 12,
    };

    // Where in a month a time falls ("mid nov").
    private static readonly HashSet<string> MonthParts = new(StringComparer.Ordinal) { "early", "mid", "late", "end" };

    // Holidays with a fixed date that members time things by ("right after the halloween fee thing").
    private static readonly Dictionary<string, (int Month, int Day)> Holidays = new(StringComparer.Ordinal)
    {
        ["halloween"] = (10, 31), ["christmas"] = (12, 25), ["xmas"] = (12, 25),
    };

    private static readonly Dictionary<string, int> Counts = new(StringComparer.Ordinal)
    {
        ["a"] = 1, ["one"] = 1, ["1"] = 1, ["couple"] = 2, ["two"] = 2, ["2"] = 2, ["few"] = 3, ["three"] = 3, ["3"] = 3,
        ["four"] = 4, ["4"] = 4, ["five"] = 5, ["5"] = 5, ["six"] = 6, ["6"] = 6,
    };

    /// <summary>Whether the word is a month's name or its short form ("November", "nov").</summary>
    public static bool IsMonth(string word) => Months.ContainsKey(word.ToLowerInvariant());

    /// <summary>The period the question's words (lower case) name, or null when they name none.</summary>
    public static QuestionPeriod? Read(IReadOnlyList<string> lower)
    {
        for (var i = 0; i < lower.Count; i++)
        {
            var previous = i > 0 ? lower[i - 1] : string.Empty;
            if (IsHoliday(lower[i]))
            {
                // "after thanksgiving" is the ten days from it; "thanksgiving week" the week around it. Halloween and
                // Christmas the same way.
                var holiday = lower[i];
                var after = previous is "after" or "since" or "post" || (previous == "the" && i > 1 && lower[i - 2] is "after" or "since" or "post");
                return after
                    ? new($"after {holiday}", now => Widen(Day(holiday, now), 0, 10))
                    : new(holiday, now => Widen(Day(holiday, now), -3, 7));
            }

            if (lower[i] == "ago" && i >= 2 && lower[i - 1] is "months" or "month" or "weeks" or "week")
            {
                var count = Counts.GetValueOrDefault(lower[i - 2] == "of" && i >= 3 ? lower[i - 3] : lower[i - 2], 0);
                if (count > 0)
                {
                    var days = lower[i - 1].StartsWith("month", StringComparison.Ordinal) ? 30 : 7;
                    // Loose by one unit each side: "a couple months ago" is one to three months back.
                    return new($"{count} {lower[i - 1]} ago", now => (now.AddDays(-days * (count + 1)), now.AddDays(-days * Math.Max(count - 1, 0.5))));
                }
            }

            // A month is a time asked about after a word that marks one ("in october", "mid nov"); alone it may name what was
            // written about ("a december rate cut").
            if (Months.TryGetValue(lower[i], out var month) && (MonthParts.Contains(previous) || previous is "in" or "since" or "during"))
            {
                var (first, last) = previous switch
                {
                    "mid" => (10, 20),
                    "early" => (1, 12),
                    "late" or "end" => (18, 31),
                    _ => (1, 31),
                };
                return new($"{previous} {lower[i]}", now => InMonth(now, month, first, last))
                {
                    // A whole month only: "mid nov" asks for a week, which an issue naming November need not be about.
                    Month = (first, last) == (1, 31) ? CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month) : null,
                };
            }
        }

        return null;
    }

    // The most recent such month not after today, the days asked about, widened.
    /// <summary>Whether the word is one a time is named with: a month, a holiday, or where in a month ("early", "mid", "late", "end").</summary>
    public static bool IsTimeWord(string word) => IsMonth(word) || IsHoliday(word) || MonthParts.Contains(word.ToLowerInvariant());

    /// <summary>Whether the word names a holiday read as a time ("after halloween"), not a thing an issue must name.</summary>
    public static bool IsHoliday(string word) => word.ToLowerInvariant() is var lower && (lower == "thanksgiving" || Holidays.ContainsKey(lower));

    // The most recent such day (US Thanksgiving moves; the others keep their date).
    private static DateTimeOffset Day(string holiday, DateTimeOffset now)
    {
        if (!Holidays.TryGetValue(holiday, out var date))
        {
            return Thanksgiving(now);
        }

        var day = new DateTimeOffset(now.Year, date.Month, date.Day, 0, 0, 0, TimeSpan.Zero);
        return day <= now ? day : day.AddYears(-1);
    }

    private static (DateTimeOffset, DateTimeOffset) InMonth(DateTimeOffset now, int month, int first, int last)
    {
        var year = month <= now.Month ? now.Year : now.Year - 1;
        var from = new DateTimeOffset(year, month, first, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(year, month, Math.Min(last, DateTime.DaysInMonth(year, month)), 0, 0, 0, TimeSpan.Zero).AddDays(1);
        return (from.AddDays(-SlackBefore), to.AddDays(first == 1 && last == 31 ? MonthReported : SlackAfter));
    }

    // US Thanksgiving, the fourth Thursday of November, of the most recent year it has come.
    private static DateTimeOffset Thanksgiving(DateTimeOffset now)
    {
        static DateTimeOffset Of(int year)
        {
            var first = new DateTimeOffset(year, 11, 1, 0, 0, 0, TimeSpan.Zero);
            return first.AddDays((((int)DayOfWeek.Thursday - (int)first.DayOfWeek + 7) % 7) + 21);
        }

        var day = Of(now.Year);
        return day <= now ? day : Of(now.Year - 1);
    }

    private static (DateTimeOffset, DateTimeOffset) Widen(DateTimeOffset day, int fromDays, int toDays) =>
        (day.AddDays(fromDays - SlackBefore), day.AddDays(toDays + SlackAfter));
}
