using System.Globalization;
using CryptoDigest.Replies;

namespace CryptoDigest.Briefs;

/// <summary>
/// Reads "/settings &lt;name&gt; &lt;value&gt;" into a validated <see cref="SettingChange"/>, or a one-line usage
/// naming the valid values. The same check serves typed commands and button payloads.
/// </summary>
public static class SettingChangeParser
{
    /// <summary>The change, or the usage line in <paramref name="texts"/>' language (English by default; the values stay as typed).</summary>
    public static bool TryParse(string argument, out SettingChange change, out string error, ReplyTexts? texts = null)
    {
        texts ??= ReplyTexts.English;
        change = new SettingChange(string.Empty, string.Empty);
        var trimmed = argument.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        var name = (space < 0 ? trimmed : trimmed[..space]).ToLowerInvariant();
        var value = space < 0 ? string.Empty : trimmed[(space + 1)..].Trim();
        if (!SettingNames.All.Contains(name))
        {
            error = texts.Format("Settings.UnknownSetting", Shorten(name), SettingNames.Usage(string.Empty, texts));
            return false;
        }

        var canonical = Canonical(name, value, texts, out var reason);
        if (canonical is null)
        {
            error = (reason is null ? string.Empty : reason + " ") + texts.Format("Router.Usage", SettingNames.Usage(name, texts));
            return false;
        }

        change = new SettingChange(name, canonical);
        error = string.Empty;
        return true;
    }

    // The value in stored form, or null when it is not valid for the setting (with a reason when the usage alone would not say why).
    private static string? Canonical(string name, string value, ReplyTexts texts, out string? reason)
    {
        reason = null;
        switch (name)
        {
            case SettingNames.Language:
                return BriefLanguages.Find(value);
            case SettingNames.Topics:
                if (!TopicFilter.TryParse(value, texts, out var filter, out var topicError))
                {
                    reason = topicError;
                    return null;
                }

                return filter.ToString();
            case SettingNames.Length:
                return BriefSettings.TryParseLength(value, out var length) ? BriefSettings.LengthName(length) : null;
            case SettingNames.Cadence:
                return BriefCadence.TryParse(value, out var cadence) ? cadence.ToString() : null;
            case SettingNames.Market:
                return value.ToLowerInvariant() is "on" or "off" ? value.ToLowerInvariant() : null;
            case SettingNames.Time:
                return TimeOnly.TryParseExact(value, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                    ? time.ToString("HH:mm", CultureInfo.InvariantCulture)
                    : null;
            case SettingNames.Zone:
                return value.Contains(' ', StringComparison.Ordinal) ? null : SubscriptionArguments.TryFindZone(value);
            default:
                return Sources(value);
        }
    }

    private static string? Sources(string value)
    {
        if (value.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return string.Empty;
        }

        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToLowerInvariant()).Distinct().ToList();
        // Source names are matched as substrings of newsletter names: letters, digits, spaces and hyphens are enough.
        return names.Count == 0 || names.Count > 20 || names.Exists(n => n.Length > 60 || !n.All(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '.'))
            ? null
            : string.Join(',', names);
    }

    private static string Shorten(string token) => token.Length <= 40 ? token : token[..40] + "…";
}
