namespace CryptoDigest.Discord;

internal sealed record InteractionCallback(int Type, object? Data = null);
