using System.Collections.Concurrent;
using CryptoDigest.Replies;

namespace CryptoDigest.Telemetry;

/// <summary>
/// Whether each chat platform that is switched on answered the bot at start (Telegram's getMe): the
/// readiness check reports an instance not ready until every platform it expects has answered once.
/// </summary>
public sealed class PlatformReadiness
{
    private readonly ConcurrentDictionary<ChatPlatform, bool> _answered = new();

    /// <summary>The adapter for <paramref name="platform"/> is on and will call it at start.</summary>
    public void Expect(ChatPlatform platform) => _answered.TryAdd(platform, false);

    /// <summary>The platform answered its first call.</summary>
    public void Answered(ChatPlatform platform) => _answered[platform] = true;

    /// <summary>The platforms expected that have not answered yet.</summary>
    public IReadOnlyList<ChatPlatform> Waiting => [.. _answered.Where(p => !p.Value).Select(p => p.Key).Order()];
}
