namespace CryptoDigest.Discord;

internal sealed record AutocompleteChoice(string Name, string Value);
