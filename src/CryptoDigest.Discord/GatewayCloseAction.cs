namespace CryptoDigest.Discord;

/// <summary>What the gateway client does after a connection ends.</summary>
internal enum GatewayCloseAction
{
    /// <summary>Reconnect and RESUME the session (to its resume_gateway_url).</summary>
    Resume,

    /// <summary>Reconnect and IDENTIFY a new session.</summary>
    Identify,

    /// <summary>Stop: reconnecting would fail the same way until the operator changes something.</summary>
    Stop,
}
