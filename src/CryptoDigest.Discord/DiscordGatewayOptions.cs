namespace CryptoDigest.Discord;

/// <summary>
/// The gateway connection (section "Discord:Gateway"), needed only for link scanning: members' messages reach
/// a bot only over the gateway. Off by default, because it needs the privileged Message Content intent turned on
/// for the application in the Developer Portal. Validated with <see cref="DiscordOptions"/>.
/// </summary>
public sealed class DiscordGatewayOptions
{
    /// <summary>Connects to the gateway (with several instances, only the one holding its lock does).</summary>
    public bool Enabled { get; set; }

    /// <summary>Shards the bot is split into (https://discord.com/developers/docs/events/gateway#sharding); one is enough below 2,500 servers.</summary>
    public int ShardCount { get; set; } = 1;

    /// <summary>This connection's shard, from 0 to ShardCount - 1.</summary>
    public int ShardId { get; set; }
}
