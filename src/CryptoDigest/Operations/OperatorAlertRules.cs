using System.Globalization;
using CryptoDigest.Storage;

namespace CryptoDigest.Operations;

/// <summary>
/// The operator alerts (docs/operations.md) as pure rules: which conditions hold in an <see cref="OperatorStatus"/>,
/// and, given a condition's stored state, whether to announce it or its clearing. A condition is announced at most
/// once per UTC day (again the next day while it lasts) and cleared once, when it stops holding after an announcement.
/// </summary>
public static class OperatorAlertRules
{
    /// <summary>Failed deliveries above this share of the day's deliveries raise an alert.</summary>
    public const int DeliveryFailurePercent = 5;

    public static IReadOnlyList<AlertCondition> Evaluate(OperatorStatus status, OperatorsOptions options)
    {
        var holding = new List<AlertCondition>();
        holding.AddRange(status.Sources
            .Where(s => s.Enabled && s.FailuresInARow >= options.SourceFailureAlertThreshold)
            .Select(s => new AlertCondition(
                Key("source-failing:", s.Name),
                $"the source {s.Name} keeps failing",
                $"{s.FailuresInARow} fetches in a row failed; the last error: {s.LastError ?? "none recorded"}.")));
        holding.AddRange(Budget(status.ModelTokens));
        if (status.Compose is { FailuresInARow: > 0 } compose)
        {
            holding.Add(new AlertCondition(
                "edition-compose-failed",
                "the edition failed to compose",
                $"compose-brief failed {compose.FailuresInARow} time(s) in a row, last at {OperatorStatusText.When(compose.LastFailedAt)}: {compose.LastError}."));
        }

        var today = status.Today;
        if (today.Total > 0 && today.Failed * 100L > DeliveryFailurePercent * (long)today.Total)
        {
            holding.Add(new AlertCondition(
                "deliveries-failing",
                $"more than {DeliveryFailurePercent} % of today's deliveries failed",
                $"{today.Failed} of {today.Total} deliveries written today (UTC) failed ({Percent(today.Failed, today.Total)} %)."));
        }

        if (status.PhishingListRefresh is { FailuresInARow: > 0, FailingSince: { } since, LastFailedAt: { } last } refresh
            && DateOnly.FromDateTime(last.UtcDateTime) > DateOnly.FromDateTime(since.UtcDateTime))
        {
            holding.Add(new AlertCondition(
                "phishing-list-refresh-failing",
                "the phishing list refresh has failed two days running",
                $"failing since {OperatorStatusText.When(since)}; the last error: {refresh.LastError}. The last list downloaded stays in use."));
        }

        holding.AddRange(status.Mailboxes
            .Where(m => m.FailuresInARow >= options.MailboxFailureAlertThreshold)
            .Select(m => new AlertCondition(
                Key("mailbox-unreadable:", m.Mailbox),
                $"the mailbox {m.Mailbox} cannot be read",
                $"{m.FailuresInARow} reads in a row failed; the last error: {m.LastError ?? "none recorded"}.")));
        return holding;
    }

    /// <summary>
    /// What to do about a condition: announce it when it holds and was not announced today; say it cleared when it
    /// no longer holds and its last announcement stands. A condition that clears and returns the same day stays quiet.
    /// </summary>
    public static AlertStep Step(OperatorAlert? state, bool holds, DateOnly today) => holds switch
    {
        true when state?.AnnouncedOn != today => AlertStep.Raise,
        false when state is { Raised: true } => AlertStep.Clear,
        _ => AlertStep.None,
    };

    /// <summary>The message announcing a condition.</summary>
    public static string RaiseText(AlertCondition condition) => $"Alert: {condition.Title}. {condition.Detail}";

    /// <summary>The message saying a condition cleared, from the title stored when it was raised.</summary>
    public static string ClearText(string title) => $"Cleared: {title}.";

    private static IEnumerable<AlertCondition> Budget(ModelTokenStatus tokens)
    {
        if (tokens.PercentUsed is not { } percent)
        {
            yield break;
        }

        var figures = $"{tokens.UsedToday.ToString("N0", CultureInfo.InvariantCulture)} of {tokens.DailyBudget.ToString("N0", CultureInfo.InvariantCulture)} tokens used today (UTC), {percent} %.";
        if (percent >= 80)
        {
            yield return new AlertCondition("model-budget-80", "model tokens past 80 % of today's budget", figures);
        }

        if (percent >= 100)
        {
            yield return new AlertCondition(
                "model-budget-100",
                "today's model token budget is spent",
                figures + " Answers, summaries and briefs run offline until midnight UTC.");
        }
    }

    // Keys fit the stored column (300 characters); a mailbox address is the only name that could be longer.
    private static string Key(string prefix, string name) => (prefix + name) is var key && key.Length > 300 ? key[..300] : key;

    private static long Percent(long part, long whole) => part * 100 / whole;
}
