using System.Text.Json;

namespace CryptoDigest.Discord;

/// <summary>
/// One gateway message (https://discord.com/developers/docs/events/gateway-events#payload-structure): op, d, and for
/// dispatches (op 0) the sequence s and event name t. <see cref="TryParse"/> never throws on bad input.
/// </summary>
internal sealed record DiscordGatewayPayload(int Op, JsonElement Data, long? Sequence, string? EventName)
{
    public static bool TryParse(ReadOnlySpan<byte> utf8, out DiscordGatewayPayload? payload)
    {
        payload = null;
        try
        {
            using var json = JsonDocument.Parse(utf8.ToArray());
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("op", out var op)
                || op.ValueKind != JsonValueKind.Number || !op.TryGetInt32(out var code))
            {
                return false;
            }

            var data = root.TryGetProperty("d", out var d) ? d.Clone() : default;
            long? sequence = root.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var seq) ? seq : null;
            var name = root.TryGetProperty("t", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            payload = new DiscordGatewayPayload(code, data, sequence, name);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>HELLO's heartbeat_interval in milliseconds, if present and positive.</summary>
    public TimeSpan? HeartbeatInterval =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty("heartbeat_interval", out var ms)
            && ms.ValueKind == JsonValueKind.Number && ms.TryGetDouble(out var value) && value > 0
            ? TimeSpan.FromMilliseconds(value)
            : null;
}
