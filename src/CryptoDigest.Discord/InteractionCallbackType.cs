namespace CryptoDigest.Discord;

internal static class InteractionCallbackType
{
    public const int Pong = 1;
    public const int ChannelMessageWithSource = 4;
    public const int DeferredChannelMessageWithSource = 5;
    public const int UpdateMessage = 7;
    public const int AutocompleteResult = 8;
}
