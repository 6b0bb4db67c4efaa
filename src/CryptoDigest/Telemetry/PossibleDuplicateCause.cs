namespace CryptoDigest.Telemetry;

/// <summary>Why a brief part may reach its chat twice, as the possible-duplicates counter tags it.</summary>
public enum PossibleDuplicateCause
{
    /// <summary>A claim whose holder died was taken over: the part it had in flight is sent again.</summary>
    Takeover,

    /// <summary>A part was sent but recording it failed: the retry sends it again.</summary>
    Unrecorded,
}
