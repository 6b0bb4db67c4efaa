namespace CryptoDigest.Operations;

/// <summary>Link scanning over every chat that opted in: the chats scanning now and the counters they kept.</summary>
public sealed record LinkScanCounters(int ChatsScanning, long MessagesScanned, long LinksChecked, long LinksFlagged);
