using System.Security.Cryptography;
using System.Text;
using CryptoDigest.Briefs;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Operations;

/// <summary>
/// The recurring operator-alerts job (registered when Operators:AlertChat is set): reads the operator's status,
/// judges the alert conditions (<see cref="OperatorAlertRules"/>), and sends each announcement or clearing it
/// claims (<see cref="OperatorAlertStore"/>) to the alert chat through the platform's brief channel, the same
/// paced sender the briefs use, which also counts each message in cryptodigest_messages_sent_total.
/// </summary>
public sealed partial class OperatorAlertJob(
    OperatorStatusReader reader,
    OperatorAlertStore store,
    IEnumerable<IBriefChannel> channels,
    IOptions<OperatorsOptions> options,
    TimeProvider time,
    ILogger<OperatorAlertJob> logger)
{
    public const string RecurringId = "operator-alerts";

    /// <summary>Judges the conditions once and sends what changed; returns how many messages went out.</summary>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (options.Value.AlertTarget is not { } target)
        {
            return 0;
        }

        if (channels.FirstOrDefault(c => c.Platform == target.Platform) is not { } channel)
        {
            LogNoChannel(logger, target.ToString());
            return 0;
        }

        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var holding = OperatorAlertRules.Evaluate(await reader.ReadAsync(cancellationToken), options.Value);
        var states = await store.ReadAsync(cancellationToken);
        var sent = 0;
        foreach (var condition in holding)
        {
            var before = states.GetValueOrDefault(condition.Key);
            if (OperatorAlertRules.Step(before, holds: true, today) == AlertStep.Raise
                && await store.TryRaiseAsync(condition, today, now, cancellationToken))
            {
                sent += await AnnounceAsync(channel, target, OperatorAlertRules.RaiseText(condition), before, condition.Key, $"r{today:yyMMdd}", cancellationToken);
            }
        }

        var keys = holding.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var state in states.Values.Where(s => !keys.Contains(s.Condition)))
        {
            if (OperatorAlertRules.Step(state, holds: false, today) == AlertStep.Clear
                && await store.TryClearAsync(state.Condition, now, cancellationToken))
            {
                sent += await AnnounceAsync(channel, target, OperatorAlertRules.ClearText(state.Title), state, state.Condition, $"c{now:yyMMddHHmm}", cancellationToken);
            }
        }

        return sent;
    }

    // Part by part, like a brief; a message the platform did not take gives its claim back for the next run.
    private async Task<int> AnnounceAsync(IBriefChannel channel, AlertTarget target, string text, OperatorAlert? before, string key, string occasion, CancellationToken cancellationToken)
    {
        var reply = ChatReply.Text(text);
        var parts = channel.CountParts(reply);
        // Discord nonces are at most 25 characters: a short hash of the condition and the occasion of this message.
        var nonce = $"al{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..8]}{occasion}";
        for (var index = 0; index < parts; index++)
        {
            var result = await channel.SendPartAsync(target.ChatId, null, reply, index, $"{nonce}{index}", cancellationToken);
            if (result.Outcome != SendOutcome.Sent)
            {
                LogNotSent(logger, key, target.ToString(), result.Error ?? result.Outcome.ToString());
                await store.RestoreAsync(before, key, cancellationToken);
                return index;
            }
        }

        LogAnnounced(logger, key, text.StartsWith("Cleared", StringComparison.Ordinal) ? "cleared" : "raised");
        return parts;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operators:AlertChat is {Target}, but this instance has no sender for that platform; no alerts are sent")]
    private static partial void LogNoChannel(ILogger logger, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator alert {Condition} could not be sent to {Target}: {Error}; the next run tries again")]
    private static partial void LogNotSent(ILogger logger, string condition, string target, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator alert {Condition} {Step}")]
    private static partial void LogAnnounced(ILogger logger, string condition, string step);
}
