using System.Globalization;
using System.Text.RegularExpressions;

namespace CryptoDigest.Feeds;

/// <summary>
/// Reads the dates real feeds carry: RFC 822 (with or without weekday, seconds, a numeric or
/// named zone, two-digit years), ISO 8601 / RFC 3339 (with or without zone, fraction, seconds or
/// time), and the common broken variants (wrong weekday, "GMT+0100 (CET)", "Jan 2, 2024 3:04 PM").
/// A date without a zone is taken as UTC. Never throws: one bad date must not fail a whole feed.
/// </summary>
public static partial class FeedDates
{
    private static readonly Dictionary<string, int> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jan"] = 1, ["feb"] = 2, ["mar"] = 3, ["apr"] = 4, ["may"] = 5, ["jun"] = 6,
        ["jul"] = 7, ["aug"] = 8, ["sep"] = 9, ["sept"] = 9, ["oct"] = 10, ["nov"] = 11, ["dec"] = 12,
        ["january"] = 1, ["february"] = 2, ["march"] = 3, ["april"] = 4, ["june"] = 6, ["july"] = 7,
        ["august"] = 8, ["september"] = 9, ["october"] = 10, ["november"] = 11, ["december"] = 12,
    };

    // RFC 822 section 5.1 names, plus the zone abbreviations feeds actually use, in minutes east of UTC.
    private static readonly Dictionary<string, int> ZoneMinutes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["WET"] = 0, ["BST"] = 60, ["CET"] = 60, ["MEZ"] = 60, ["CEST"] = 120, ["MESZ"] = 120,
        ["EET"] = 120, ["EEST"] = 180, ["MSK"] = 180, ["IST"] = 330, ["SGT"] = 480, ["HKT"] = 480, ["JST"] = 540, ["KST"] = 540,
        ["AEST"] = 600, ["AEDT"] = 660, ["NZST"] = 720, ["NZDT"] = 780,
        ["EST"] = -300, ["EDT"] = -240, ["ET"] = -300, ["CST"] = -360, ["CDT"] = -300, ["CT"] = -360,
        ["MST"] = -420, ["MDT"] = -360, ["MT"] = -420, ["PST"] = -480, ["PDT"] = -420, ["PT"] = -480,
        ["AKST"] = -540, ["AKDT"] = -480, ["HST"] = -600, ["AST"] = -240, ["ADT"] = -180, ["AT"] = -240,
        ["MET"] = 60, ["MEST"] = 120,
        // The four military letters RFC 822 gives a non-zero offset, read the way feedparser reads them;
        // every other single letter falls through to UTC.
        ["A"] = -60, ["N"] = 60, ["M"] = -720, ["Y"] = 720,
    };

    /// <summary>The longest text read as a date; a real one is under 50 characters, so a longer field is not a date.</summary>
    public const int MaxLength = 200;

    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return null;
        }

        try
        {
            var s = WhitespaceRun().Replace(text.Trim(), " ");
            return TryIso(s) ?? TryDayMonthYear(s) ?? TryMonthDayYear(s) ?? TryFramework(s);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static DateTimeOffset? TryIso(string s)
    {
        var m = IsoDate().Match(s);
        if (!m.Success)
        {
            return null;
        }

        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        var month = m.Groups["mo"].Success ? int.Parse(m.Groups["mo"].Value, CultureInfo.InvariantCulture) : 1;
        var day = m.Groups["d"].Success ? int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture) : 1;
        var fraction = m.Groups["f"].Success ? double.Parse("0." + m.Groups["f"].Value, CultureInfo.InvariantCulture) : 0;
        return Build(year, month, day, Number(m.Groups["h"]), Number(m.Groups["mi"]), Number(m.Groups["s"]), fraction, Zone(m.Groups["z"].Value));
    }

    private static DateTimeOffset? TryDayMonthYear(string s)
    {
        var m = DayMonthYear().Match(s);
        if (!m.Success || Month(m.Groups["mo"].Value) is not { } month)
        {
            return null;
        }

        return Build(Year(m.Groups["y"].Value), month, int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture),
            Hour(m), Number(m.Groups["mi"]), Number(m.Groups["s"]), 0, Zone(m.Groups["z"].Value));
    }

    private static DateTimeOffset? TryMonthDayYear(string s)
    {
        var m = MonthDayYear().Match(s);
        if (!m.Success || Month(m.Groups["mo"].Value) is not { } month)
        {
            return null;
        }

        // asctime, date(1) and JavaScript's Date.toString put the time (and zone) before or after the year.
        var zone = string.Concat(m.Groups["z"].Captures.Select(c => c.Value + " "));
        return Build(Year(m.Groups["y"].Value), month, int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture),
            Hour(m), Number(m.Groups["mi"]), Number(m.Groups["s"]), 0, Zone(zone));
    }

    private static DateTimeOffset? TryFramework(string s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var value)
            ? value.ToUniversalTime()
            : null;

    private static int Hour(Match m)
    {
        var hour = Number(m.Groups["h"]);
        var ampm = m.Groups["ap"].Value;
        if (ampm.Length > 0)
        {
            var pm = ampm.StartsWith('p') || ampm.StartsWith('P');
            hour = hour % 12 + (pm ? 12 : 0);
        }

        return hour;
    }

    private static int Number(Group group) =>
        group.Success && group.Value.Length > 0 ? int.Parse(group.Value, CultureInfo.InvariantCulture) : 0;

    private static int Year(string text)
    {
        var year = int.Parse(text, CultureInfo.InvariantCulture);
        // RFC 822 allowed two-digit years; like feedparser, 90-99 are 19xx and the rest 20xx.
        return text.Length <= 2 ? year + (year < 90 ? 2000 : 1900) : year;
    }

    /// <summary>A month by its name, or like feedparser by its first three letters ("Novembre", "Juli").</summary>
    private static int? Month(string name) =>
        Months.TryGetValue(name, out var month) || (name.Length > 3 && Months.TryGetValue(name[..3], out month)) ? month : null;

    /// <summary>A zone as an offset in minutes: numeric (+0100, +01:00, +1, GMT+2), named, or absent or unknown (UTC).</summary>
    private static int Zone(string text)
    {
        // Comments such as "(Coordinated Universal Time)" say nothing the offset does not.
        var zone = ZoneComment().Replace(text, string.Empty).Trim().TrimEnd('.');
        if (zone.Length == 0)
        {
            return 0;
        }

        // "-0500 EST", "GMT +0100", "UTC": the whole text first, then word by word.
        foreach (var candidate in new[] { zone }.Concat(zone.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            var numeric = NumericZone().Match(candidate);
            if (numeric.Success)
            {
                var digits = numeric.Groups["hh"].Value;
                var hours = int.Parse(digits, CultureInfo.InvariantCulture);
                var minutes = Number(numeric.Groups["mm"]);
                if (digits.Length > 2)
                {
                    // "+100" or "+0100" without a colon.
                    minutes = hours % 100;
                    hours /= 100;
                }

                var total = hours * 60 + minutes;
                return numeric.Groups["sign"].Value == "-" ? -total : total;
            }

            if (ZoneMinutes.TryGetValue(candidate, out var named))
            {
                return named;
            }
        }

        return 0;
    }

    private static DateTimeOffset? Build(int year, int month, int day, int hour, int minute, int second, double fraction, int offsetMinutes)
    {
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 24 || minute > 59 || second > 60 || Math.Abs(offsetMinutes) > 14 * 60)
        {
            return null;
        }

        var extra = TimeSpan.Zero;
        if (hour == 24)
        {
            // "24:00" is the end of the day, which ISO 8601 allows.
            hour = 0;
            extra += TimeSpan.FromDays(1);
        }

        if (second == 60)
        {
            // A leap second: the next instant is close enough.
            second = 59;
            extra += TimeSpan.FromSeconds(1);
        }

        var local = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromMinutes(offsetMinutes));
        return (local + extra + TimeSpan.FromTicks((long)(fraction * TimeSpan.TicksPerSecond))).ToUniversalTime();
    }

    [GeneratedRegex(@"\s+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex WhitespaceRun();

    [GeneratedRegex(@"\(.*?\)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ZoneComment();

    [GeneratedRegex(@"^(?:GMT|UTC|UT)?\s*(?<sign>[+-])\s*(?<hh>\d{1,4})(?::?(?<mm>\d{2}))?$", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NumericZone();

    // 2024-01-02, 2024-01-02T03:04:05.123+01:00, 2024-01-02 03:04, 20240102T030405Z, 2024-01, 2024.
    [GeneratedRegex(@"^(?<y>\d{4})(?:-?(?<mo>\d{2}))?(?:-?(?<d>\d{2}))?(?:(?:T|\s+|t)(?<h>\d{1,2}):?(?<mi>\d{2})(?::?(?<s>\d{2})(?:[.,](?<f>\d{1,7})\d*)?)?)?\s*(?<z>Z|z|[+-]\d{1,2}(?::?\d{2})?|(?:GMT|UTC|UT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[A-Za-z]{2,5})?$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IsoDate();

    // [Weekday,] 2 Jan 2024 [03:04[:05]] [zone]; also "02-Jan-2024", "2 January 2024", a wrong or misspelt weekday.
    [GeneratedRegex(@"^(?:[A-Za-z]+\.?,?\s*)?(?<d>\d{1,2})(?:st|nd|rd|th)?[\s\-/]+(?<mo>[A-Za-z]{3,9})\.?,?[\s\-/]+(?<y>\d{4}|\d{2})(?!\d)(?:,?\s*(?:at\s+|[-–]\s*)?(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:\.\d+)?)?\s*(?<ap>[ap]\.?m\.?)?)?\s*(?<z>.*)$", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DayMonthYear();

    // [Weekday,] Jan 2[,] 2024 [03:04[:05] [PM]] [zone]; also "Tue Jan 02 2024 03:04:05 GMT+0000 (UTC)" and asctime.
    [GeneratedRegex(@"^(?:[A-Za-z]+\.?,?\s+)?(?<mo>[A-Za-z]{3,9})\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?:(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2}))?\s+(?:(?<z>[A-Za-z]{1,5}|[+-]\d{4})\s+)?)?(?<y>\d{4})(?:,?\s*(?:at\s+|[-–]\s*)?(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:\.\d+)?)?\s*(?<ap>[ap]\.?m\.?)?)?\s*(?<z>.*)$", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MonthDayYear();
}
