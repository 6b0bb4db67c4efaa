namespace CryptoDigest.Security.LinkCheck;

/// <summary>How risky an address looks. "Safe-looking" never claims a site is safe.</summary>
public enum LinkRisk
{
    SafeLooking,
    Suspicious,
    KnownBad,
}
