namespace CryptoDigest.Telegram;

/// <summary>
/// Slack added to every pacing window: timers can fire a millisecond or two early against the wall
/// clock, and a server's clock starts its own measurement at a slightly different point.
/// </summary>
internal static class SendMargin
{
    public static readonly TimeSpan Value = TimeSpan.FromMilliseconds(50);
}
