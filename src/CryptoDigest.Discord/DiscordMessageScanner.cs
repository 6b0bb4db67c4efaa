using System.Collections.Concurrent;
using System.Threading.Channels;
using CryptoDigest.Chat;
using CryptoDigest.Replies;
using CryptoDigest.Security.LinkCheck;
using CryptoDigest.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.Discord;

/// <summary>
/// Link scanning of members' messages in servers that turned it on (/security scan on), with the same finder and
/// checker as Telegram's (<see cref="LinkScanner"/>; the setting and its counters are kept per server, under the
/// guild id). A suspicious or known-bad link gets one reply under the message saying why, with no pings; nothing
/// of the message is stored. A known-bad one is deleted only when LinkCheck:DeleteFlaggedMessages allows it; the
/// delete is simply tried, and a server where the bot lacks Manage Messages (403, 50013) is logged once.
/// Messages from bots and webhooks are never scanned. The warning is in the channel's brief language (a gateway message
/// carries no member locale, so a channel without a brief gets English), settled only for a message that gets one.
/// </summary>
internal sealed partial class DiscordMessageScanner(
    LinkScanner scanner,
    IServiceScopeFactory scopes,
    DiscordRestClient rest,
    BotMetrics metrics,
    ILogger<DiscordMessageScanner> logger)
{
    private const int MissingPermissions = 50013;

    private readonly ConcurrentDictionary<string, byte> _cannotDelete = new();

    /// <summary>Scans messages from the gateway one at a time until the queue is completed or the token cancelled.</summary>
    public async Task RunAsync(ChannelReader<DiscordGatewayMessage> messages, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in messages.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await ScanAsync(message, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogScanFailed(logger, ex.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Scans one message: a guild member's (not a bot's or a webhook's) message with text.</summary>
    public async Task ScanAsync(DiscordGatewayMessage message, CancellationToken cancellationToken)
    {
        if (message is not { Id: { } id, ChannelId: { } channelId, GuildId: { } guildId, Content: { Length: > 0 } content, Author.Bot: not true, WebhookId: null })
        {
            return;
        }

        var outcome = await scanner.ScanAsync(ChatPlatform.Discord, guildId, content, [], cancellationToken);
        if (!outcome.Warns)
        {
            return;
        }

        var texts = ReplyTexts.For(await LanguageAsync(channelId, message.Author?.Id ?? string.Empty, cancellationToken));
        await ReplyAsync(channelId, id, outcome.WarningIn(texts), cancellationToken);
        if (outcome.Delete)
        {
            await DeleteAsync(guildId, channelId, id, cancellationToken);
        }
    }

    // The router's rule for the channel the warning goes to: its brief's language, else English.
    private async Task<string> LanguageAsync(string channelId, string authorId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var request = ChatRequest.FromText(ChatPlatform.Discord, channelId, authorId, false, new ParsedMessage(string.Empty, string.Empty));
        return await scope.ServiceProvider.GetRequiredService<ChatRouter>().LanguageAsync(request, cancellationToken);
    }

    // The warning as one message (it is short) answering the member's, with every ping turned off.
    private async Task ReplyAsync(string channelId, string messageId, ChatReply warning, CancellationToken cancellationToken)
    {
        var message = DiscordMessageRenderer.Render(warning)[0] with
        {
            MessageReference = new DiscordMessageReference(messageId),
            AllowedMentions = DiscordAllowedMentions.None,
        };
        var response = await rest.SendAsync(HttpMethod.Post, DiscordRoute.ChannelMessages(channelId), message, cancellationToken);
        metrics.MessageSent(ChatPlatform.Discord, response.IsSuccess ? SendOutcome.Sent : DiscordChannelSender.Classify(response));
    }

    private async Task DeleteAsync(string guildId, string channelId, string messageId, CancellationToken cancellationToken)
    {
        if (_cannotDelete.ContainsKey(guildId))
        {
            return;
        }

        var response = await rest.SendAsync(HttpMethod.Delete, DiscordRoute.ChannelMessage(channelId, messageId), null, cancellationToken);
        if (response.IsSuccess)
        {
            LogDeleted(logger, guildId, channelId, messageId);
        }
        else if (response.ErrorCode == MissingPermissions && _cannotDelete.TryAdd(guildId, 0))
        {
            // Asking again would only add to Discord's invalid-request count; the setting is read at the next start.
            LogCannotDelete(logger, guildId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted a message with a known-bad link in Discord server {GuildId}, channel {ChannelId}, message {MessageId}")]
    private static partial void LogDeleted(ILogger logger, string guildId, string channelId, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot delete flagged messages in Discord server {GuildId}: the bot lacks Manage Messages there; it only replies (logged once)")]
    private static partial void LogCannotDelete(ILogger logger, string guildId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scanning a Discord message failed ({Error}); the next is scanned as usual")]
    private static partial void LogScanFailed(ILogger logger, string error);
}
