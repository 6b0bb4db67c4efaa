using CryptoDigest.Replies;

namespace CryptoDigest.Orchestration;

/// <summary>Who asked for a costly answer (a model answer, a computed index figure, a link check): the keys of the per-member and per-chat limits.</summary>
public sealed record Asker(ChatPlatform Platform, string ChatId, string UserId);
