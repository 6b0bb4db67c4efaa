namespace CryptoDigest.Briefs;

/// <summary>A chat's cadence, stored as "daily", "weekdays" or "weekly mon".</summary>
/// <param name="Kind">Daily, weekdays or weekly.</param>
/// <param name="Day">The weekly brief's day; Monday for the other kinds (unused).</param>
public readonly record struct BriefCadence(BriefCadenceKind Kind, DayOfWeek Day = DayOfWeek.Monday)
{
    public const string Usage = "daily | weekdays | weekly <day> (mon, tue, wed, thu, fri, sat, sun)";

    public static BriefCadence Daily => new(BriefCadenceKind.Daily);

    public static BriefCadence Weekdays => new(BriefCadenceKind.Weekdays);

    public static BriefCadence Weekly(DayOfWeek day) => new(BriefCadenceKind.Weekly, day);

    /// <summary>Whether a brief is due on this local date.</summary>
    public bool IsDeliveryDay(DateOnly localDate) => Kind switch
    {
        BriefCadenceKind.Weekdays => localDate.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday),
        BriefCadenceKind.Weekly => localDate.DayOfWeek == Day,
        _ => true,
    };

    /// <summary>Reads "daily", "weekdays" or "weekly mon" (a day by its first three letters or full English name).</summary>
    public static bool TryParse(string? text, out BriefCadence cadence)
    {
        cadence = Daily;
        var words = (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        switch (words)
        {
            case [var daily] when daily.Equals("daily", StringComparison.OrdinalIgnoreCase):
                return true;
            case [var weekdays] when weekdays.Equals("weekdays", StringComparison.OrdinalIgnoreCase):
                cadence = Weekdays;
                return true;
            case [var weekly, var day] when weekly.Equals("weekly", StringComparison.OrdinalIgnoreCase) && TryParseDay(day, out var parsed):
                cadence = Weekly(parsed);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The stored and shown form: "daily", "weekdays" or "weekly mon".</summary>
    public override string ToString() => Kind switch
    {
        BriefCadenceKind.Weekdays => "weekdays",
        BriefCadenceKind.Weekly => "weekly " + Day.ToString()[..3].ToLowerInvariant(),
        _ => "daily",
    };

    private static bool TryParseDay(string text, out DayOfWeek day)
    {
        foreach (var candidate in Enum.GetValues<DayOfWeek>())
        {
            var name = candidate.ToString();
            if (text.Equals(name, StringComparison.OrdinalIgnoreCase) || text.Equals(name[..3], StringComparison.OrdinalIgnoreCase))
            {
                day = candidate;
                return true;
            }
        }

        day = DayOfWeek.Monday;
        return false;
    }
}
