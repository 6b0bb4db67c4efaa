namespace CryptoDigest.Discord;

/// <summary>
/// What a close code from the gateway means for the client
/// (https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes): a bad token,
/// a bad shard, an unsupported version or a refused intent stop the gateway with one error naming the fix; a bad
/// sequence or a timed-out session start a new session; anything else (including a dropped connection) resumes.
/// </summary>
internal static class DiscordGatewayCloseCodes
{
    public const int AuthenticationFailed = 4004;
    public const int InvalidSequence = 4007;
    public const int SessionTimedOut = 4009;
    public const int InvalidShard = 4010;
    public const int ShardingRequired = 4011;
    public const int InvalidApiVersion = 4012;
    public const int InvalidIntents = 4013;
    public const int DisallowedIntents = 4014;

    /// <summary>The code the client closes with when it means to resume (1000 and 1001 would end the session).</summary>
    public const int ClientResuming = 4900;

    public static GatewayCloseAction Classify(int? closeCode) => closeCode switch
    {
        AuthenticationFailed or InvalidShard or ShardingRequired or InvalidApiVersion or InvalidIntents or DisallowedIntents => GatewayCloseAction.Stop,
        InvalidSequence or SessionTimedOut => GatewayCloseAction.Identify,
        _ => GatewayCloseAction.Resume,
    };

    /// <summary>The one error logged when the gateway stops, saying what the operator has to change.</summary>
    public static string StopReason(int closeCode) => closeCode switch
    {
        AuthenticationFailed =>
            "Discord refused the bot token on the gateway (close code 4004). Set Discord:BotToken to the token on the Bot page of the application in the Discord Developer Portal, then restart.",
        DisallowedIntents =>
            "Discord refused the Message Content intent (close code 4014): turn on \"Message Content Intent\" under Privileged Gateway Intents on the Bot page of the application in the Discord Developer Portal (a bot in 100 or more servers needs Discord's approval for it), then restart; or set Discord:Gateway:Enabled to false.",
        InvalidShard or ShardingRequired =>
            $"Discord refused the shard settings (close code {closeCode}): check Discord:Gateway:ShardCount and Discord:Gateway:ShardId (Discord asks for more shards above 2,500 servers), then restart.",
        _ => $"Discord closed the gateway with code {closeCode}, which reconnecting cannot fix; the gateway is stopped until restart.",
    };
}
