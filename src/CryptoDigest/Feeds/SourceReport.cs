namespace CryptoDigest.Feeds;

/// <summary>One source's result of an ingestion run, for `feeds fetch` and logs.</summary>
/// <param name="Unclaimed">Mailbox only: messages no source claims (left in the mailbox).</param>
/// <param name="Failed">E-mail only: messages that could not be read into articles.</param>
/// <param name="Unauthenticated">E-mail only: messages claimed by a source that the operator's mail provider did not vouch for (never stored).</param>
public sealed record SourceReport(
    string Source,
    IngestOutcome Outcome,
    int New = 0,
    int Updated = 0,
    int Unchanged = 0,
    string? Error = null,
    SourceChannel Channel = SourceChannel.Feed,
    int Unclaimed = 0,
    int Failed = 0,
    int Unauthenticated = 0)
{
    /// <summary>The report as `feeds fetch` prints it: one line per source and channel, and one for the mailbox with the messages no source claims.</summary>
    public string ToLine() => Channel switch
    {
        SourceChannel.Mailbox when Outcome == IngestOutcome.Failed => $"mailbox {Source}: failed: {Error}",
        SourceChannel.Mailbox when Outcome == IngestOutcome.Skipped => $"mailbox {Source}: not read now: {Error}",
        SourceChannel.Mailbox => $"mailbox {Source}: {Unclaimed} unclaimed, {Failed} unreadable{UnauthenticatedPart}" + (Error is null ? string.Empty : $" ({Error})"),
        SourceChannel.Email when Outcome == IngestOutcome.Failed => $"{Source} (e-mail): failed: {Error}",
        SourceChannel.Email => $"{Source} (e-mail): {New} new, {Updated} updated, {Unchanged} unchanged{UnauthenticatedPart}" + (Error is null ? string.Empty : $", error: {Error}"),
        _ => Outcome switch
        {
            IngestOutcome.Fetched => $"{Source}: {New} new, {Updated} updated, {Unchanged} unchanged",
            IngestOutcome.NotModified => $"{Source}: not modified",
            IngestOutcome.NoFeed => $"{Source}: no public feed",
            _ => $"{Source}: failed: {Error}",
        },
    };

    private string UnauthenticatedPart => Unauthenticated == 0 ? string.Empty : $", {Unauthenticated} unauthenticated (not stored)";
}
