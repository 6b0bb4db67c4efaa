using System.Text.Json;

namespace CryptoDigest.Discord;

/// <summary>Discord's answer to one request; status 0 means the client did not send it (see <see cref="Error"/>).</summary>
public sealed record DiscordResponse(int StatusCode, string Body)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public bool WasSent => StatusCode != 0;

    /// <summary>Discord's JSON error code (e.g. 10003 Unknown Channel, 50013 Missing Permissions), if any.</summary>
    public int? ErrorCode => TryRead(out var root) && root.TryGetProperty("code", out var code) && code.TryGetInt32(out var value) ? value : null;

    /// <summary>A one-line description for logs and deactivation reasons; never contains a token.</summary>
    public string Error
    {
        get
        {
            if (!WasSent)
            {
                return Body;
            }

            var message = TryRead(out var root) && root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return $"Discord {StatusCode}" + (message is null ? string.Empty : $": {message}") + (ErrorCode is { } code ? $" ({code})" : string.Empty);
        }
    }

    internal static DiscordResponse NotSent(string reason) => new(0, reason);

    /// <summary>The "id" of a created message, when the body is one.</summary>
    public string? MessageId => TryRead(out var root) && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private bool TryRead(out JsonElement root)
    {
        root = default;
        if (!WasSent || string.IsNullOrWhiteSpace(Body))
        {
            return false;
        }

        try
        {
            using var json = JsonDocument.Parse(Body);
            root = json.RootElement.Clone();
            return root.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
