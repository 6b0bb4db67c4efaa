namespace CryptoDigest.Knowledge;

/// <summary>The knowledge areas the curated texts cover; each file under Knowledge/ is one.</summary>
public enum KnowledgeTopic
{
    Indices,
    Security,
    Newsletters,
}
