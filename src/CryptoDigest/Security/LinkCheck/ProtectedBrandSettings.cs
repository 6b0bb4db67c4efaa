namespace CryptoDigest.Security.LinkCheck;

/// <summary>A protected brand as written in settings.</summary>
public sealed class ProtectedBrandSettings
{
    public string Name { get; set; } = string.Empty;
    public List<string> Domains { get; set; } = [];

    /// <summary>Distinctive names lookalikes borrow; empty takes the official domains' names.</summary>
    public List<string> Keywords { get; set; } = [];

    /// <summary>Names that are ordinary words, flagged only beside a lure word.</summary>
    public List<string> CommonWords { get; set; } = [];
}
