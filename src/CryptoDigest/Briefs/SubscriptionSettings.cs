using System.Globalization;
using CryptoDigest.Replies;

namespace CryptoDigest.Briefs;

/// <summary>What /subscribe asked for: a local time, an IANA zone and an optional newsletter filter.</summary>
public sealed record SubscriptionSettings(TimeOnly DeliveryTime, string TimeZone, IReadOnlyList<string> Sources)
{
    public string Describe() => Describe(ReplyTexts.English);

    /// <summary>"07:05 Europe/Berlin (only glassnode)" in a language; the time, zone and names stay as typed.</summary>
    public string Describe(ReplyTexts texts) => Sources.Count == 0
        ? texts.Format("Subscribe.Schedule.All", DeliveryTime.ToString("HH:mm", CultureInfo.InvariantCulture), TimeZone)
        : texts.Format("Subscribe.Schedule.Only", DeliveryTime.ToString("HH:mm", CultureInfo.InvariantCulture), TimeZone, string.Join(", ", Sources));
}
