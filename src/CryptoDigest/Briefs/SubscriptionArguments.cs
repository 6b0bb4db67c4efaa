using System.Globalization;
using CryptoDigest.Replies;

namespace CryptoDigest.Briefs;

/// <summary>
/// Reads "/subscribe [HH:MM] [IANA time zone] [sources:a,b]" in any order. Missing parts take
/// the defaults: 08:00 (Briefs:DefaultDeliveryTime), and the chat's last zone or UTC.
/// </summary>
public static class SubscriptionArguments
{
    public static string Usage => UsageIn(ReplyTexts.English);

    /// <summary>The usage line with an example, in a language.</summary>
    public static string UsageIn(ReplyTexts texts) => texts["Subscribe.Usage"];

    public static bool TryParse(string argument, TimeOnly defaultTime, string defaultZone, out SubscriptionSettings settings, out string error) =>
        TryParse(argument, defaultTime, defaultZone, ReplyTexts.English, out settings, out error);

    /// <summary>Reads the arguments; an error names the token it could not read, in <paramref name="texts"/>' language.</summary>
    public static bool TryParse(string argument, TimeOnly defaultTime, string defaultZone, ReplyTexts texts, out SubscriptionSettings settings, out string error)
    {
        TimeOnly? time = null;
        string? zone = null;
        IReadOnlyList<string> sources = [];
        settings = new SubscriptionSettings(defaultTime, defaultZone, sources);
        foreach (var token in argument.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (token.StartsWith("sources:", StringComparison.OrdinalIgnoreCase))
            {
                sources = token["sources:".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(s => s.ToLowerInvariant()).Distinct().ToList();
            }
            else if (time is null && token.Contains(':', StringComparison.Ordinal) && !token.Contains('/', StringComparison.Ordinal))
            {
                if (!TimeOnly.TryParseExact(token, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    error = texts.Format("Subscribe.BadTime", Shorten(token));
                    return false;
                }

                time = parsed;
            }
            else if (zone is null)
            {
                zone = TryFindZone(token);
                if (zone is null)
                {
                    error = texts.Format("Subscribe.UnknownZone", Shorten(token));
                    return false;
                }
            }
            else
            {
                error = texts.Format("Subscribe.NotUnderstood", Shorten(token), UsageIn(texts));
                return false;
            }
        }

        settings = new SubscriptionSettings(time ?? defaultTime, zone ?? defaultZone, sources);
        error = string.Empty;
        return true;
    }

    /// <summary>The IANA id of a zone name (Windows names are converted), or null when unknown.</summary>
    public static string? TryFindZone(string name)
    {
        if (name.Equals("UTC", StringComparison.OrdinalIgnoreCase) || name.Equals("GMT", StringComparison.OrdinalIgnoreCase))
        {
            return "UTC";
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone))
        {
            return null;
        }

        return zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : null;
    }

    private static string Shorten(string token) => token.Length <= 40 ? token : token[..40] + "…";
}
