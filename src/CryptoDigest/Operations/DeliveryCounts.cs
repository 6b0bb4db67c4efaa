namespace CryptoDigest.Operations;

/// <summary>The deliveries written to the outbox today (UTC), by where they stand.</summary>
public sealed record DeliveryCounts(int Sent, int Pending, int Failed, int Skipped)
{
    public int Total => Sent + Pending + Failed + Skipped;
}
