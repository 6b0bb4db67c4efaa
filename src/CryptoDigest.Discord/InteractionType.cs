namespace CryptoDigest.Discord;

internal static class InteractionType
{
    public const int Ping = 1;
    public const int ApplicationCommand = 2;
    public const int MessageComponent = 3;
    public const int Autocomplete = 4;
}
