namespace CryptoDigest.Storage;

/// <summary>
/// A chat's opt-in to link scanning, with counters only: nothing of the scanned messages is stored,
/// not even the links. At most one per platform chat.
/// </summary>
public sealed class LinkScanSetting
{
    public long Id { get; set; }
    public required string Platform { get; set; }
    public required string ChatId { get; set; }
    public bool Enabled { get; set; }
    public long MessagesScanned { get; set; }
    public long LinksChecked { get; set; }
    public long LinksFlagged { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}
