using System.ComponentModel.DataAnnotations;

namespace CryptoDigest.Briefs;

/// <summary>Defaults for daily brief subscriptions (section "Briefs").</summary>
public sealed class BriefsOptions : IValidatableObject
{
    public const string SectionName = "Briefs";

    /// <summary>Local delivery time when /subscribe gives none, as HH:MM.</summary>
    public string DefaultDeliveryTime { get; set; } = "08:00";

    /// <summary>IANA time zone when /subscribe gives none and the chat has never used one.</summary>
    public string DefaultTimeZone { get; set; } = "UTC";

    /// <summary>Add one line of index context to each edition: bitcoin's weight in the top 10 and its change since the day before.</summary>
    public bool IndexLine { get; set; }

    /// <summary>
    /// No delivery starts with an edition older than this (by its window's end): the deliverer composes
    /// a fresh one, and if that fails the delivery is retried rather than sent stale.
    /// </summary>
    [Range(1, 168, ErrorMessage = "Briefs:MaxEditionAgeHours must be between 1 and 168.")]
    public int MaxEditionAgeHours { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeOnly.TryParseExact(DefaultDeliveryTime, "HH:mm", out _))
        {
            yield return new ValidationResult($"Briefs:DefaultDeliveryTime must be a time as HH:MM (e.g. 08:00), not '{DefaultDeliveryTime}'.", [nameof(DefaultDeliveryTime)]);
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(DefaultTimeZone, out _))
        {
            yield return new ValidationResult($"Briefs:DefaultTimeZone '{DefaultTimeZone}' is not a known IANA time zone (e.g. UTC, Europe/Berlin, America/New_York).", [nameof(DefaultTimeZone)]);
        }
    }
}
