namespace CryptoDigest.Discord;

/// <summary>The gateway opcodes the client sends or reads (https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-opcodes).</summary>
internal static class DiscordGatewayOpcode
{
    public const int Dispatch = 0;
    public const int Heartbeat = 1;
    public const int Identify = 2;
    public const int Resume = 6;
    public const int Reconnect = 7;
    public const int InvalidSession = 9;
    public const int Hello = 10;
    public const int HeartbeatAck = 11;
}
