using CryptoDigest.Replies;

namespace CryptoDigest.Security.LinkCheck;

/// <summary>What scanning one message decided: a warning to post (or none), and whether to delete it.</summary>
public sealed record ScanOutcome(ChatReply? Warning, bool Delete);
