namespace CryptoDigest.Briefs;

/// <summary>How long a batch's claims are held, as renewed while it is sent.</summary>
internal sealed class DeliveryClaimLease(DateTimeOffset until)
{
    private long _untilTicks = until.UtcTicks;

    public void Extend(DateTimeOffset until) => Interlocked.Exchange(ref _untilTicks, until.UtcTicks);

    /// <summary>A send may start while at least a quarter of a lease is left: enough for its round trip and its record.</summary>
    public bool LeavesTimeToSend(DateTimeOffset now, TimeSpan leaseLength) =>
        new DateTimeOffset(Interlocked.Read(ref _untilTicks), TimeSpan.Zero) - now >= leaseLength / 4;
}
