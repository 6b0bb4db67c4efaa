namespace CryptoDigest.Telemetry;

/// <summary>How one attempt at delivering a brief to a subscription ended, as the deliveries counter tags it.</summary>
public enum DeliveryMetricStatus
{
    /// <summary>Every part reached the chat.</summary>
    Delivered,

    /// <summary>Not sent and not to be sent: past the grace window, or the chat is gone.</summary>
    Skipped,

    /// <summary>Given up on for good.</summary>
    Failed,

    /// <summary>Failed this time; another attempt is scheduled.</summary>
    Retried,
}
