namespace CryptoDigest.Briefs;

/// <summary>
/// What a chat chose for its brief beyond its time, zone and sources (<see cref="SubscriptionSettings"/>):
/// its language, topic filter, length, cadence and market line. Stored with the subscription.
/// </summary>
public sealed record BriefSettings(string Language, TopicFilter Topics, BriefLength Length, BriefCadence Cadence, bool Market)
{
    public static BriefSettings Default { get; } = new(BriefLanguages.Default, TopicFilter.None, BriefLength.Standard, BriefCadence.Daily, Market: false);

    /// <summary>
    /// The settings from their stored columns. They were validated when written; a value that no longer
    /// reads (a language dropped from the shipped list) falls back to its default rather than stopping a brief.
    /// </summary>
    public static BriefSettings Read(string? language, string? topics, string? length, string? cadence, bool market) => new(
        BriefLanguages.Find(language) ?? BriefLanguages.Default,
        TopicFilter.TryParse(topics, out var filter, out _) ? filter : TopicFilter.None,
        TryParseLength(length, out var parsedLength) ? parsedLength : BriefLength.Standard,
        BriefCadence.TryParse(cadence, out var parsedCadence) ? parsedCadence : BriefCadence.Daily,
        market);

    /// <summary>A subscription's settings.</summary>
    public static BriefSettings Of(Storage.Subscription subscription) =>
        Read(subscription.Language, subscription.Topics, subscription.Length, subscription.Cadence, subscription.MarketLine);

    /// <summary>The stored and shown name of a length: headlines, standard or in-depth.</summary>
    public static string LengthName(BriefLength length) => length switch
    {
        BriefLength.Headlines => "headlines",
        BriefLength.InDepth => "in-depth",
        _ => "standard",
    };

    public static bool TryParseLength(string? text, out BriefLength length)
    {
        length = BriefLength.Standard;
        foreach (var candidate in Enum.GetValues<BriefLength>())
        {
            if (string.Equals(text?.Trim(), LengthName(candidate), StringComparison.OrdinalIgnoreCase))
            {
                length = candidate;
                return true;
            }
        }

        return false;
    }
}
