using System.Globalization;

namespace CryptoDigest.Briefs;

/// <summary>What /subscribe asked for: a local time, an IANA zone and an optional newsletter filter.</summary>
public sealed record SubscriptionSettings(TimeOnly DeliveryTime, string TimeZone, IReadOnlyList<string> Sources)
{
    public string Describe() =>
        $"{DeliveryTime.ToString("HH:mm", CultureInfo.InvariantCulture)} {TimeZone}" +
        (Sources.Count == 0 ? " (all newsletters)" : $" (only {string.Join(", ", Sources)})");
}
