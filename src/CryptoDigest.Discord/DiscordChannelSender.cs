using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using CryptoDigest.Replies;
using CryptoDigest.Telemetry;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.Discord;

/// <summary>
/// Posts a reply (a daily brief) to a channel with the bot token: POST /channels/{id}/messages
/// (https://discord.com/developers/docs/resources/message#create-message), one request per rendered part,
/// through the rate-limited <see cref="DiscordRestClient"/>. A caller's nonce is sent with enforce_nonce,
/// so a retried job gets the message created the first time instead of a duplicate. Missing access
/// (50001) and an unknown channel (10003) are reported as <see cref="SendOutcome.ChatGone"/> (the brief
/// deliverer stops the channel's subscriptions) and the channel is not asked again for a while, because
/// repeating them counts toward Discord's ban. Any other 403 (a missing permission, 50013, which a server
/// admin may give back tomorrow) only refuses this message, as Telegram's "not enough rights" does.
/// </summary>
public sealed partial class DiscordChannelSender(
    DiscordRestClient rest,
    DiscordRateLimiter limiter,
    BotMetrics metrics,
    ILogger<DiscordChannelSender> logger)
{
    private const int MaxNonceLength = 25;

    public async Task<DiscordSendResult> SendAsync(string channelId, ChatReply reply, string? nonce, CancellationToken cancellationToken)
    {
        if (!DiscordOptions.IsSnowflake(channelId))
        {
            return new DiscordSendResult(SendOutcome.Rejected, [], $"'{channelId}' is not a Discord channel id");
        }

        if (limiter.IsRefusingChannel(channelId))
        {
            return new DiscordSendResult(SendOutcome.ChatGone, [], "the channel refused the bot a few minutes ago; not asking again yet");
        }

        var parts = DiscordMessageRenderer.Render(reply);
        return await SendPartsAsync(channelId, parts, 0, parts.Count, nonce, cancellationToken);
    }

    /// <summary>How many messages the reply becomes.</summary>
    public static int CountParts(ChatReply reply) => Rendered(reply).Count;

    // A broadcast sends one reply object to many channels: render it once.
    private static readonly ConditionalWeakTable<ChatReply, IReadOnlyList<DiscordMessage>> RenderedReplies = new();

    private static IReadOnlyList<DiscordMessage> Rendered(ChatReply reply) => RenderedReplies.GetValue(reply, DiscordMessageRenderer.Render);

    /// <summary>Sends only part <paramref name="part"/>, with the nonce a full send would give it, for deliveries that resume.</summary>
    public async Task<DiscordSendResult> SendPartAsync(string channelId, ChatReply reply, int part, string? nonce, CancellationToken cancellationToken)
    {
        if (!DiscordOptions.IsSnowflake(channelId))
        {
            return new DiscordSendResult(SendOutcome.Rejected, [], $"'{channelId}' is not a Discord channel id");
        }

        if (limiter.IsRefusingChannel(channelId))
        {
            return new DiscordSendResult(SendOutcome.ChatGone, [], "the channel refused the bot a few minutes ago; not asking again yet");
        }

        return await SendPartsAsync(channelId, Rendered(reply), part, part + 1, nonce, cancellationToken);
    }

    // Every message this sender tried, counted by how it ended (one per accepted part, one for the part it stopped at).
    private async Task<DiscordSendResult> SendPartsAsync(string channelId, IReadOnlyList<DiscordMessage> parts, int from, int to, string? nonce, CancellationToken cancellationToken)
    {
        var result = await SendEachPartAsync(channelId, parts, from, to, nonce, cancellationToken);
        metrics.MessageSent(ChatPlatform.Discord, SendOutcome.Sent, result.MessageIds.Count);
        if (result.Outcome != SendOutcome.Sent)
        {
            metrics.MessageSent(ChatPlatform.Discord, result.Outcome);
        }

        return result;
    }

    private async Task<DiscordSendResult> SendEachPartAsync(string channelId, IReadOnlyList<DiscordMessage> parts, int from, int to, string? nonce, CancellationToken cancellationToken)
    {
        var messageIds = new List<string>();
        for (var part = from; part < to; part++)
        {
            var message = parts[part] with { Nonce = PartNonce(nonce, part), EnforceNonce = nonce is null ? null : true };
            DiscordResponse response;
            try
            {
                response = await rest.SendAsync(HttpMethod.Post, DiscordRoute.ChannelMessages(channelId), message, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                return new DiscordSendResult(SendOutcome.Failed, messageIds, "network error: " + ex.Message);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // HttpClient's own timeout, not the caller's cancellation.
                return new DiscordSendResult(SendOutcome.Failed, messageIds, "Discord did not answer in time");
            }

            if (response.IsSuccess)
            {
                messageIds.Add(response.MessageId ?? string.Empty);
                continue;
            }

            var outcome = Classify(response);
            if (outcome == SendOutcome.ChatGone)
            {
                limiter.RememberRefusingChannel(channelId);
                LogChannelGone(logger, channelId, response.Error);
            }

            return new DiscordSendResult(outcome, messageIds, response.Error);
        }

        return new DiscordSendResult(SendOutcome.Sent, messageIds);
    }

    /// <summary>
    /// What a failed answer means for the channel: gone for good only for missing access (50001) or an unknown
    /// channel (10003) (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json); unanswered,
    /// unauthorized, timed out, limited and server errors are worth another attempt; anything else (any other 403
    /// or 404, an invalid body) refuses this message only.
    /// </summary>
    internal static SendOutcome Classify(DiscordResponse response) => response switch
    {
        { ErrorCode: MissingAccess or UnknownChannel } => SendOutcome.ChatGone,
        { StatusCode: 0 or 401 or 408 or 429 or >= 500 } => SendOutcome.Failed,
        _ => SendOutcome.Rejected,
    };

    private const int MissingAccess = 50001;
    private const int UnknownChannel = 10003;

    // Discord nonces are at most 25 characters. The first part keeps the caller's nonce when it fits;
    // other parts (and long nonces) get a stable hash of nonce and part number, so a retry repeats them exactly.
    internal static string? PartNonce(string? nonce, int part)
    {
        if (string.IsNullOrEmpty(nonce))
        {
            return null;
        }

        if (part == 0 && nonce.Length <= MaxNonceLength)
        {
            return nonce;
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{nonce}#{part}")))[..MaxNonceLength];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord channel {ChannelId} refused the bot ({Error}); not asking it again for a while")]
    private static partial void LogChannelGone(ILogger logger, string channelId, string error);
}
