using System.Text.Json;
using System.Text.Json.Serialization;

namespace CryptoDigest.Discord;

/// <summary>JSON as Discord writes it: snake_case names, absent rather than null fields.</summary>
internal static class DiscordJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
