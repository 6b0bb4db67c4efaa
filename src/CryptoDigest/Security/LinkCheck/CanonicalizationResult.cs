namespace CryptoDigest.Security.LinkCheck;

/// <summary>The outcome of canonicalization: a link, or why the input is not one.</summary>
/// <param name="Link">The canonical link, when the input is a web address.</param>
/// <param name="Refusal">Why the input is refused outright (data: and javascript: links), in plain words.</param>
/// <param name="Error">Why the input could not be read as a web address, in plain words.</param>
public sealed record CanonicalizationResult(CanonicalLink? Link, string? Refusal = null, string? Error = null);
