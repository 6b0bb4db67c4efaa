namespace CryptoDigest.Storage;

/// <summary>What one claim asks for: whose it is, how many rows, the time now and until when the claim holds.</summary>
public sealed record DeliveryClaim(string InstanceId, int Count, DateTimeOffset Now, DateTimeOffset LeaseUntil);
