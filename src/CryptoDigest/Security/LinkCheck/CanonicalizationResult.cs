namespace CryptoDigest.Security.LinkCheck;

/// <summary>The outcome of canonicalization: a link, or why the input is not one.</summary>
/// <param name="Link">The canonical link, when the input is a web address.</param>
/// <param name="Refusal">Why the input is refused outright (data: and javascript: links): a whole reason.</param>
/// <param name="Error">Why the input could not be read as a web address: a phrase the checker puts inside its reason.</param>
public sealed record CanonicalizationResult(CanonicalLink? Link, LinkReason? Refusal = null, LinkReason? Error = null);
