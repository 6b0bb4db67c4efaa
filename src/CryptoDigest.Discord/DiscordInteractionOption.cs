using System.Text.Json;

namespace CryptoDigest.Discord;

internal sealed record DiscordInteractionOption(string Name, int Type, JsonElement? Value, bool? Focused);
