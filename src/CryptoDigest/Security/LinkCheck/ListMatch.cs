namespace CryptoDigest.Security.LinkCheck;

/// <summary>A list's verdict with the entry that decided it and the list it came from.</summary>
public sealed record ListMatch(ListVerdict Verdict, string? Entry = null, string? Source = null);
