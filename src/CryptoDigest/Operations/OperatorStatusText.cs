using System.Globalization;
using CryptoDigest.Feedback;
using CryptoDigest.Replies;

namespace CryptoDigest.Operations;

/// <summary>The operator's view in plain words, as /status shows it and the status verb prints it; every figure is read, none estimated.</summary>
public static class OperatorStatusText
{
    public static IReadOnlyList<ReplyBlock> Blocks(OperatorStatus status) =>
    [
        new("Sources", Sources(status.Sources)),
        new("Last edition", Edition(status.LastEdition, status.Compose)),
        new("Deliveries today (UTC)", Deliveries(status.Today, status.Outbox)),
        new("Model tokens today (UTC)", Tokens(status.ModelTokens)),
        new("Link scanning", LinkScans(status.LinkScans, status.PhishingListRefresh)),
        new("E-mail intake", Mailboxes(status.Mailboxes)),
        new("Feedback, last 7 days", Votes(status.Feedback)),
    ];

    /// <summary>An instant as the operator's view writes it: UTC to the minute.</summary>
    public static string When(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "never";

    private static string Sources(IReadOnlyList<SourceHealth> sources)
    {
        if (sources.Count == 0)
        {
            return "No sources yet.";
        }

        return string.Join('\n', sources.Select(s =>
        {
            var line = $"{s.Name}: last fetch {When(s.LastFetchedAt)}";
            line += s.Enabled ? string.Empty : " (disabled)";
            line += s.FailuresInARow > 0 ? $"; {s.FailuresInARow} failure(s) in a row" : "; no failures in a row";
            return s.LastError is { Length: > 0 } error && s.FailuresInARow > 0 ? $"{line}; last error: {error}" : line;
        }));
    }

    private static string Edition(EditionStatus? edition, JobHealth? compose)
    {
        var line = edition is null
            ? "No edition composed yet."
            : $"Composed {When(edition.ComposedAt)} with {edition.Items} item(s), " +
              (edition.ByModel ? "written by the model" : "offline (no model)") +
              (edition.IncludesSamples ? ", with sample issues" : string.Empty) + ".";
        return compose is { FailuresInARow: > 0 } failing
            ? $"{line}\ncompose-brief failed {failing.FailuresInARow} time(s) in a row, last at {When(failing.LastFailedAt)}: {failing.LastError}"
            : line;
    }

    private static string Deliveries(DeliveryCounts today, OutboxStatus outbox) =>
        $"{today.Sent} sent, {today.Pending} pending, {today.Failed} failed, {today.Skipped} skipped.\n" +
        $"Outbox: {outbox.Pending} waiting ({outbox.WaitingForRetry} of them for a retry), {outbox.Sending} being sent.";

    private static string Tokens(ModelTokenStatus tokens) =>
        tokens.PercentUsed is { } percent
            ? $"{tokens.UsedToday.ToString("N0", CultureInfo.InvariantCulture)} of {tokens.DailyBudget.ToString("N0", CultureInfo.InvariantCulture)} ({percent} %)."
            : $"{tokens.UsedToday.ToString("N0", CultureInfo.InvariantCulture)} (no daily budget).";

    private static string LinkScans(LinkScanCounters scans, JobHealth? refresh)
    {
        var line = $"{scans.ChatsScanning} chat(s) scanning; {scans.MessagesScanned} message(s) scanned, {scans.LinksChecked} link(s) checked, {scans.LinksFlagged} flagged.";
        return refresh switch
        {
            null => line,
            { FailuresInARow: > 0 } failing => $"{line}\nPhishing list refresh failing since {When(failing.FailingSince)}: {failing.LastError}",
            _ => $"{line}\nPhishing list refreshed {When(refresh.LastSucceededAt)}.",
        };
    }

    private static string Votes(FeedbackTally? votes)
    {
        if (votes is not { UpShare: { } share })
        {
            return "No votes.";
        }

        var line = $"{votes.Up} 👍, {votes.Down} 👎 ({Math.Round(share * 100, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)} % 👍).";
        return votes.Down == 0
            ? line
            : $"{line}\nWhat was wrong: {votes.WrongFact} wrong fact, {votes.NotRelevant} not relevant, {votes.TooLong} too long.";
    }

    private static string Mailboxes(IReadOnlyList<MailboxStatus> mailboxes)
    {
        if (mailboxes.Count == 0)
        {
            return "No mailbox read yet.";
        }

        return string.Join('\n', mailboxes.Select(m =>
        {
            var line = $"{m.Mailbox}: last read {When(m.LastReadAt)}; {m.Unclaimed} unclaimed, {m.Unreadable} unreadable, {m.Unauthenticated} unauthenticated";
            return m.FailuresInARow > 0 ? $"{line}; {m.FailuresInARow} failed read(s) in a row: {m.LastError}" : line;
        }));
    }
}
