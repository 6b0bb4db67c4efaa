using System.Diagnostics.Metrics;
using CryptoDigest.Replies;

namespace CryptoDigest.Telemetry;

/// <summary>
/// The bot's own instruments, every series in one place. Names are dotted and units follow OpenTelemetry;
/// the Prometheus exporter turns dots into underscores, adds the unit ("s" becomes _seconds) and _total to
/// counters, so <c>cryptodigest.messages.sent</c> is scraped as <c>cryptodigest_messages_sent_total</c>
/// (README: Metrics and health). Every tag value comes from a short fixed set or from the configured
/// sources: never a chat, a user or a URL.
/// </summary>
public sealed class BotMetrics
{
    /// <summary>The meter's name, which the exporters subscribe to.</summary>
    public const string MeterName = "CryptoDigest";

    /// <summary>The one tag value for a command the bot does not know, so a typo cannot add a series.</summary>
    public const string UnknownCommand = "unknown";

    private readonly Counter<long> _messagesSent;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _possibleDuplicates;
    private readonly Counter<long> _commands;
    private readonly Histogram<double> _commandDuration;
    private readonly Counter<long> _feedFetches;
    private readonly Counter<long> _emailMessages;
    private readonly Counter<long> _modelTokens;
    private readonly Counter<long> _linksChecked;

    public BotMetrics(IMeterFactory meterFactory, IEnumerable<IBotGauge> gauges)
    {
        var meter = meterFactory.Create(MeterName);
        _messagesSent = meter.CreateCounter<long>("cryptodigest.messages.sent", "{message}", "Messages sent to chats, by platform and outcome (SendOutcome).");
        _deliveries = meter.CreateCounter<long>("cryptodigest.deliveries", "{delivery}", "Brief deliveries by status: delivered, skipped, failed, retried.");
        _possibleDuplicates = meter.CreateCounter<long>(
            "cryptodigest.deliveries.possible_duplicates",
            "{message}",
            "Brief parts that may reach a chat twice, by cause: takeover (a dead holder's part in flight) or unrecorded (sent, but its record failed).");
        _commands = meter.CreateCounter<long>("cryptodigest.commands", "{command}", "Chat commands handled, by command and platform.");
        _commandDuration = meter.CreateHistogram(
            "cryptodigest.command.duration",
            "s",
            "From a command's update received to its reply sent.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _feedFetches = meter.CreateCounter<long>("cryptodigest.feed.fetches", "{fetch}", "Feed fetches by source and outcome.");
        _emailMessages = meter.CreateCounter<long>("cryptodigest.email.messages", "{message}", "Newsletter e-mails read from the mailbox, by outcome.");
        _modelTokens = meter.CreateCounter<long>("cryptodigest.model.tokens", "{token}", "Model tokens used, by purpose.");
        _linksChecked = meter.CreateCounter<long>("cryptodigest.links.checked", "{link}", "Links checked, by verdict.");
        foreach (var gauge in gauges)
        {
            meter.CreateObservableGauge(gauge.Name, () => Observe(gauge), gauge.Unit, gauge.Description);
        }
    }

    /// <summary>One message to a chat (a reply or a part of a brief) ended with <paramref name="outcome"/>.</summary>
    public void MessageSent(ChatPlatform platform, SendOutcome outcome, int messages = 1) =>
        _messagesSent.Add(messages, new("platform", PlatformTag(platform)), new("outcome", OutcomeTag(outcome)));

    /// <summary>A delivery of a brief to a subscription ended an attempt as <paramref name="status"/>.</summary>
    public void Delivery(DeliveryMetricStatus status, int count = 1) =>
        _deliveries.Add(count, new KeyValuePair<string, object?>("status", StatusTag(status)));

    /// <summary>A brief part may reach its chat twice, for <paramref name="cause"/>.</summary>
    public void PossibleDuplicate(PossibleDuplicateCause cause) =>
        _possibleDuplicates.Add(1, new KeyValuePair<string, object?>("cause", cause == PossibleDuplicateCause.Takeover ? "takeover" : "unrecorded"));

    /// <summary>
    /// A command was handled; <paramref name="command"/> must be a known command's name or <see cref="UnknownCommand"/>.
    /// </summary>
    public void CommandHandled(string command, ChatPlatform platform) =>
        _commands.Add(1, new("command", command), new("platform", PlatformTag(platform)));

    /// <summary>How long a command took from the update's arrival to its reply being sent.</summary>
    public void CommandReplied(string command, ChatPlatform platform, TimeSpan elapsed) =>
        _commandDuration.Record(elapsed.TotalSeconds, new("command", command), new("platform", PlatformTag(platform)));

    /// <summary>A fetch of a configured or added source ended with <paramref name="outcome"/>.</summary>
    public void FeedFetched(string source, FeedFetchOutcome outcome) =>
        _feedFetches.Add(1, new("source", source), new("outcome", outcome switch
        {
            FeedFetchOutcome.Fetched => "fetched",
            FeedFetchOutcome.NotModified => "not_modified",
            _ => "failed",
        }));

    /// <summary>A newsletter e-mail was read and ended as <paramref name="outcome"/> (a short fixed word).</summary>
    public void EmailMessage(string outcome) =>
        _emailMessages.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Tokens of one model call, for <paramref name="purpose"/> (a short fixed word).</summary>
    public void ModelTokens(string purpose, long tokens) =>
        _modelTokens.Add(tokens, new KeyValuePair<string, object?>("purpose", purpose));

    /// <summary>A link was checked and judged <paramref name="verdict"/> (a verdict's name).</summary>
    public void LinkChecked(string verdict) =>
        _linksChecked.Add(1, new KeyValuePair<string, object?>("verdict", verdict));

    private static IEnumerable<Measurement<long>> Observe(IBotGauge gauge) =>
        gauge.Read() is { } value ? [new Measurement<long>(value)] : [];

    private static string PlatformTag(ChatPlatform platform) => platform switch
    {
        ChatPlatform.Telegram => "telegram",
        ChatPlatform.Discord => "discord",
        _ => "console",
    };

    private static string OutcomeTag(SendOutcome outcome) => outcome switch
    {
        SendOutcome.Sent => "sent",
        SendOutcome.ChatGone => "chat_gone",
        SendOutcome.Rejected => "rejected",
        _ => "failed",
    };

    private static string StatusTag(DeliveryMetricStatus status) => status switch
    {
        DeliveryMetricStatus.Delivered => "delivered",
        DeliveryMetricStatus.Skipped => "skipped",
        DeliveryMetricStatus.Retried => "retried",
        _ => "failed",
    };
}
