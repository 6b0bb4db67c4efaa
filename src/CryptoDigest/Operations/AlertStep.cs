namespace CryptoDigest.Operations;

/// <summary>What the alert job does about one condition this time: nothing, announce it, or say it cleared.</summary>
public enum AlertStep
{
    None,
    Raise,
    Clear,
}
