using System.Globalization;

namespace CryptoDigest.Briefs;

/// <summary>
/// Reads "/subscribe [HH:MM] [IANA time zone] [sources:a,b]" in any order. Missing parts take
/// the defaults: 08:00 (Briefs:DefaultDeliveryTime), and the chat's last zone or UTC.
/// </summary>
public static class SubscriptionArguments
{
    public const string Usage = "/subscribe [HH:MM] [time zone] [sources:name,name], e.g. /subscribe 08:00 Europe/Berlin sources:glassnode,kaiko";

    public static bool TryParse(string argument, TimeOnly defaultTime, string defaultZone, out SubscriptionSettings settings, out string error)
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
                    error = $"I couldn't read \"{Shorten(token)}\" as a time: use HH:MM, 24-hour (e.g. 08:00 or 18:30).";
                    return false;
                }

                time = parsed;
            }
            else if (zone is null)
            {
                zone = TryFindZone(token);
                if (zone is null)
                {
                    error = $"I don't know the time zone \"{Shorten(token)}\": use an IANA name such as Europe/Berlin, America/New_York or UTC.";
                    return false;
                }
            }
            else
            {
                error = $"I didn't understand \"{Shorten(token)}\". Usage: {Usage}";
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
