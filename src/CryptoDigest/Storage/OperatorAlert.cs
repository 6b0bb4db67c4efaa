namespace CryptoDigest.Storage;

/// <summary>
/// One operator alert condition's state, shared by every instance: whether its alert is raised, and the UTC day
/// it was last announced, so each condition is announced at most once a day and cleared once.
/// </summary>
public sealed class OperatorAlert
{
    public long Id { get; set; }

    /// <summary>The condition's key, e.g. "model-budget-80" or "source-failing:Bankless".</summary>
    public required string Condition { get; set; }

    /// <summary>The condition as the raise named it, for the clearing message.</summary>
    public string Title { get; set; } = string.Empty;

    public bool Raised { get; set; }
    public DateOnly? AnnouncedOn { get; set; }
    public DateTimeOffset? RaisedAt { get; set; }
    public DateTimeOffset? ClearedAt { get; set; }
}
