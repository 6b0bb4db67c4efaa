using CryptoDigest.Replies;

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

    /// <summary>The usage line of a setting; its explanations in <paramref name="texts"/>' language (English when not given), keywords and values as typed.</summary>
    public static string Usage(string setting, ReplyTexts? texts = null) => setting switch
    {
        Language => $"/settings language {string.Join(" | ", BriefLanguages.Shipped)}",
        Topics => $"/settings topics {(texts ?? ReplyTexts.English)["Topics.Usage"]}",
        Length => "/settings length headlines | standard | in-depth",
        Cadence => $"/settings cadence {BriefCadence.Usage}",
        Market => "/settings market on | off",
        Time => $"/settings time {(texts ?? ReplyTexts.English)["Settings.TimeValue"]}",
        Zone => $"/settings zone {(texts ?? ReplyTexts.English)["Settings.ZoneValue"]}",
        Sources => "/settings sources name,name | all",
        _ => $"/settings [{string.Join(" | ", All)}] <value>",
    };
}
