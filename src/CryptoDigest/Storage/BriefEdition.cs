namespace CryptoDigest.Storage;

/// <summary>One composed daily edition, stored once and served to every chat. Its window is [WindowStart, WindowEnd).</summary>
public sealed class BriefEdition
{
    public long Id { get; set; }
    public DateTimeOffset WindowStart { get; set; }
    public DateTimeOffset WindowEnd { get; set; }
    public DateTimeOffset ComposedAt { get; set; }

    /// <summary>The edition as serialized reply blocks, ready for any platform to render.</summary>
    public required string Content { get; set; }
}
