namespace CryptoDigest.Storage;

/// <summary>One update in the ledger's unique key: the platform's name and the platform's update id.</summary>
public readonly record struct UpdateKey(string Platform, long UpdateId);
