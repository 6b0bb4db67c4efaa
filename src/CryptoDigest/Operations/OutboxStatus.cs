namespace CryptoDigest.Operations;

/// <summary>The outbox across all days: deliveries waiting to be sent, of them those waiting for a retry, and those being sent now.</summary>
public sealed record OutboxStatus(int Pending, int WaitingForRetry, int Sending);
