namespace CryptoDigest.Briefs;

/// <summary>How often a chat gets its brief: every day, Monday to Friday, or one day a week (a digest of the week).</summary>
public enum BriefCadenceKind
{
    Daily,
    Weekdays,
    Weekly,
}
