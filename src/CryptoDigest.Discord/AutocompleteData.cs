namespace CryptoDigest.Discord;

internal sealed record AutocompleteData(IReadOnlyList<AutocompleteChoice> Choices);
