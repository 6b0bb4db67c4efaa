namespace CryptoDigest.Briefs;

/// <summary>How much of each story a chat's brief carries.</summary>
public enum BriefLength
{
    /// <summary>Titles and links only.</summary>
    Headlines,

    /// <summary>The prose and the titles with links: the brief every chat got before settings existed.</summary>
    Standard,

    /// <summary>The prose, then each story with a longer extract (more sentences of the article).</summary>
    InDepth,
}
