using CryptoDigest.Replies;

namespace CryptoDigest.Orchestration;

/// <summary>Who asked a question the model answers: the keys of the per-member and per-chat limits.</summary>
public sealed record ModelAsker(ChatPlatform Platform, string ChatId, string UserId);
