namespace CryptoDigest.Storage;

/// <summary>One sent part to record: the delivery's progress after it, and whose claim it was sent under.</summary>
public record SentPartRecord(long DeliveryId, string ClaimedBy, long EditionId, int SentParts, string MessageIds, bool Last);
