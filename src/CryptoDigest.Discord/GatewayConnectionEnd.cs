namespace CryptoDigest.Discord;

/// <summary>
/// How one gateway connection ended: what to do next, the close code Discord sent (null for a drop, op 7 or
/// op 9), whether the connection got as far as READY or RESUMED, and a reason for the log.
/// </summary>
internal sealed record GatewayConnectionEnd(GatewayCloseAction Action, int? CloseCode, bool WasReady, string Reason)
{
    /// <summary>An INVALID_SESSION that cannot be resumed: Discord asks for a random 1-5 s pause before identifying.</summary>
    public bool PauseBeforeIdentify { get; init; }
}
