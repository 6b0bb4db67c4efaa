namespace CryptoDigest.Storage;

/// <summary>The lifecycle of one chat's brief for one local date.</summary>
public enum DeliveryStatus
{
    Pending,
    Claimed,
    Sent,
    Failed,
    Skipped,
}
