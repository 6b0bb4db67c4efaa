namespace CryptoDigest.Briefs;

/// <summary>One validated change to a chat's brief: which setting, and its new value in stored form.</summary>
/// <param name="Setting">One of <see cref="SettingNames"/>.</param>
/// <param name="Value">The canonical value ("pt-BR", "+eth -nft", "in-depth", "weekly mon", "on", "07:30", "Europe/Berlin", "glassnode,kaiko").</param>
public sealed record SettingChange(string Setting, string Value);
