namespace CryptoDigest.Briefs;

/// <summary>The names /settings changes, each with its one-line usage naming the valid values.</summary>
public static class SettingNames
{
    public const string Language = "language";
    public const string Topics = "topics";
    public const string Length = "length";
    public const string Cadence = "cadence";
    public const string Market = "market";
    public const string Time = "time";
    public const string Zone = "zone";
    public const string Sources = "sources";

    public static IReadOnlyList<string> All { get; } = [Language, Topics, Length, Cadence, Market, Time, Zone, Sources];

    public static string Usage(string setting) => setting switch
    {
        Language => $"/settings language {string.Join(" | ", BriefLanguages.Shipped)}",
        Topics => $"/settings topics {TopicFilter.Usage}",
        Length => "/settings length headlines | standard | in-depth",
        Cadence => $"/settings cadence {BriefCadence.Usage}",
        Market => "/settings market on | off",
        Time => "/settings time HH:MM (24-hour, e.g. 07:30)",
        Zone => "/settings zone <IANA time zone, e.g. Europe/Berlin, America/New_York or UTC>",
        Sources => "/settings sources name,name | all",
        _ => $"/settings [{string.Join(" | ", All)}] <value>",
    };
}
