namespace CryptoDigest.Security.LinkCheck;

/// <summary>What a known-bad list says about a host.</summary>
public enum ListVerdict
{
    NotListed,
    Allowed,
    Blocked,
    FuzzyMatch,
}
