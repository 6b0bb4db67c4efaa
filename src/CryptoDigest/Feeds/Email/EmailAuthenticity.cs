namespace CryptoDigest.Feeds.Email;

/// <summary>Whether the operator's mail provider vouches for a message as an issue of its source, and why (for logs and the operator).</summary>
public sealed record EmailAuthenticity(bool IsAuthenticated, string Reason);
