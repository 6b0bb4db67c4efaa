using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CryptoDigest.Briefs;
using CryptoDigest.Chat;
using CryptoDigest.Chat.Commands;
using CryptoDigest.Feedback;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using CryptoDigest.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Discord;

/// <summary>
/// Handles POST /discord/interactions (https://discord.com/developers/docs/interactions/receiving-and-responding):
/// reads the raw body once, verifies its Ed25519 signature and timestamp before anything else (401 otherwise),
/// answers PING with PONG, autocomplete with choices, and application commands through the
/// <see cref="ChatRouter"/>: inline (type 4) when the answer is ready within the deadline, otherwise deferred
/// (type 5) and edited in through the interaction webhook, with follow-ups for the parts that do not fit.
/// At most Discord:MaxConcurrentAnswers answers run at once (<see cref="DiscordAnswerSlots"/>); past that a
/// command gets an ephemeral "busy, try again" reply. Every message of an answer (the inline response, the
/// deferred edit, each follow-up, a refusal) is counted as sent as Telegram's replies are, and one "command"
/// span runs from the interaction's arrival to the answer's last message.
/// </summary>
public sealed partial class DiscordInteractionHandler(
    IOptions<DiscordOptions> options,
    TimeProvider time,
    IServiceScopeFactory scopes,
    DiscordRestClient rest,
    DiscordAnswerSlots slots,
    IHostApplicationLifetime lifetime,
    BotMetrics metrics,
    ILogger<DiscordInteractionHandler> logger)
{
    // Interactions are small; resolved users and channels stay far below this.
    private const int MaxBodyBytes = 256 * 1024;
    private const int MaxChoices = 25;

    // Interaction tokens are valid for 15 minutes; an answer later than that cannot be delivered.
    private static readonly TimeSpan InteractionTokenLifetime = TimeSpan.FromMinutes(15);

    public async Task HandleAsync(HttpContext context)
    {
        var body = await BoundedBody.ReadAsync(context.Request.Body, context.Request.ContentLength, MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        if (!IsAuthentic(context.Request, body))
        {
            // Discord sends invalid signatures on purpose and removes endpoints that accept them.
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("invalid request signature", context.RequestAborted);
            return;
        }

        DiscordInteraction? interaction;
        try
        {
            interaction = JsonSerializer.Deserialize<DiscordInteraction>(body, DiscordJson.Options);
        }
        catch (JsonException)
        {
            interaction = null;
        }

        switch (interaction)
        {
            case { Type: InteractionType.Ping }:
                await RespondAsync(context, new InteractionCallback(InteractionCallbackType.Pong));
                break;
            case { Type: InteractionType.ApplicationCommand, Data.Name: { } name, Token: { } token }:
                await HandleCommandAsync(context, interaction, name, token);
                break;
            case { Type: InteractionType.MessageComponent, Data.CustomId: { } customId }:
                await HandleComponentAsync(context, interaction, customId);
                break;
            case { Type: InteractionType.Autocomplete, Data: { } data }:
                await RespondAsync(context, new InteractionCallback(InteractionCallbackType.AutocompleteResult, new AutocompleteData(await ChoicesAsync(data, context.RequestAborted))));
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
        }
    }

    private bool IsAuthentic(HttpRequest request, byte[] body)
    {
        var settings = options.Value;
        var timestamp = request.Headers["X-Signature-Timestamp"].ToString();
        var signature = request.Headers["X-Signature-Ed25519"].ToString();
        if (!new DiscordSignatureVerifier(settings.PublicKey).Verify(signature, timestamp, body))
        {
            LogRejected(logger, "bad or missing signature");
            return false;
        }

        // Not required by Discord; refusing old signed requests stops a captured one from being replayed.
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(time.GetUtcNow().ToUnixTimeSeconds() - seconds) > settings.SignatureMaxAgeSeconds)
        {
            LogRejected(logger, "stale timestamp");
            return false;
        }

        return true;
    }

    private async Task HandleCommandAsync(HttpContext context, DiscordInteraction interaction, string name, string token)
    {
        var received = time.GetTimestamp();
        var request = ToChatRequest(interaction, name);
        // Ends with the answer's last message, which the background work sends after this request is over.
        var span = StartCommandSpan(request);
        if (await RefusalForAsync(request, context.RequestAborted) is { } refusal)
        {
            // Discord shows the refusal to the sender only.
            using (span)
            {
                await RespondPrivatelyAsync(context, refusal);
            }

            return;
        }

        if (!slots.TryTake())
        {
            // Every answer slot is busy: say so now, inside Discord's deadline, rather than start unbounded work.
            LogBusy(logger, request.Command);
            using (span)
            {
                await RespondPrivatelyAsync(context, DiscordAnswerSlots.Busy);
            }

            return;
        }

        var applicationId = interaction.ApplicationId ?? options.Value.ApplicationId ?? string.Empty;
        var answer = new TaskCompletionSource<ChatReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        var responded = new TaskCompletionSource<IReadOnlyList<DiscordMessage>?>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Task.Run carries the span as Activity.Current, so the router's work and the follow-ups' HTTP calls are inside it.
        _ = Task.Run(() => AnswerInBackgroundAsync(request, applicationId, token, answer, responded.Task, received, span), CancellationToken.None);

        IReadOnlyList<DiscordMessage>? sentInline;
        try
        {
            sentInline = await RespondFirstAsync(context, answer.Task);
        }
        catch
        {
            // Nothing was answered, so nothing can follow: the background work stops once the answer is ready.
            responded.TrySetCanceled();
            throw;
        }

        // Follow-ups and the deferred answer's edit are only valid once Discord has the initial response.
        context.Response.OnCompleted(() =>
        {
            responded.TrySetResult(sentInline);
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// A pressed button (a MESSAGE_COMPONENT interaction). Its custom_id is untrusted: one that does not parse
    /// or names another channel is refused and logged; a member without Manage Channels (the same check as a
    /// typed /settings change) gets the command's refusal, ephemeral, and nothing changes. Otherwise the change
    /// goes through the router and the message is updated in place (callback type 7, UPDATE_MESSAGE).
    /// </summary>
    private async Task HandleComponentAsync(HttpContext context, DiscordInteraction interaction, string customId)
    {
        if (FeedbackPayload.IsFeedback(customId))
        {
            await HandleFeedbackAsync(context, interaction, customId);
            return;
        }

        var channelId = interaction.ChannelId ?? string.Empty;
        if (!SettingsButtonPayload.TryDecode(customId, channelId, out var change, out var reason))
        {
            LogRejected(logger, "a button payload that " + reason);
            await RespondPrivatelyAsync(context, InvalidButton);
            return;
        }

        var request = ToChatRequest(interaction, SettingsCommand.Entry.Name) with { Argument = $"{change.Setting} {change.Value}" };
        if (!ChatCommands.Allows(request))
        {
            await RespondPrivatelyAsync(context, ChatCommands.RefusalFor(request.Command, await LanguageAsync(request, context.RequestAborted)));
            return;
        }

        // A settings change is one small write: well inside the three seconds Discord gives the response.
        var reply = await AnswerAsync(request, context.RequestAborted);
        await RespondAsync(context, Message(InteractionCallbackType.UpdateMessage, DiscordMessageRenderer.Render(reply)[0]));
    }

    internal const string InvalidButton = "This button is not valid here. Use /settings for fresh buttons.";

    /// <summary>
    /// A pressed 👍/👎 under a brief or an answer. Its custom_id is untrusted: one that does not parse, or names a
    /// brief or answer this channel never got, is refused (ephemeral) and logged, and nothing is stored. Otherwise the
    /// member's vote is stored or changed and the answer is private to them: thanks, or after a 👎 the "what was
    /// wrong?" row, so the channel's message stays as everyone else sees it.
    /// </summary>
    private async Task HandleFeedbackAsync(HttpContext context, DiscordInteraction interaction, string customId)
    {
        // Before anything is read, the member's own Discord language; once the vote is read, the rated message's.
        var memberTexts = ReplyTexts.For(BriefLanguages.FromPlatform(interaction.Locale));
        if (!FeedbackPayload.TryDecode(customId, out var press, out var reason))
        {
            LogRejected(logger, "a feedback button payload that is " + reason);
            await RespondPrivatelyAsync(context, memberTexts["Feedback.InvalidButton"]);
            return;
        }

        var memberId = interaction.Member?.User?.Id ?? interaction.User?.Id ?? string.Empty;
        await using var scope = scopes.CreateAsyncScope();
        var (outcome, language) = memberId.Length == 0
            ? new FeedbackVoted(FeedbackOutcome.NotHere)
            : await scope.ServiceProvider.GetRequiredService<FeedbackStore>().VoteAsync(ChatPlatform.Discord, interaction.ChannelId ?? string.Empty, memberId, press, context.RequestAborted);
        var texts = language is null ? memberTexts : ReplyTexts.For(language);
        switch (outcome)
        {
            case FeedbackOutcome.NotHere:
                LogRejected(logger, "a feedback button naming a brief or answer this channel never got");
                await RespondPrivatelyAsync(context, texts["Feedback.InvalidButton"]);
                break;
            case FeedbackOutcome.Failed:
                await RespondPrivatelyAsync(context, texts["Feedback.NotSaved"]);
                break;
            case FeedbackOutcome.Recorded when !press.Up && press.Reason is null:
                await RespondWithMessageAsync(context, Message(InteractionCallbackType.ChannelMessageWithSource, new DiscordMessage
                {
                    Content = FeedbackButtons.Answer(press, texts),
                    Flags = DiscordMessageFlags.Ephemeral,
                    Components = DiscordComponents.From([FeedbackButtons.Reasons(press.Target, texts)]),
                }));
                break;
            default:
                await RespondPrivatelyAsync(context, FeedbackButtons.Answer(press, texts));
                break;
        }
    }

    /// <summary>
    /// The initial response: the answer's first message when it is ready within the deadline, otherwise a
    /// deferred response (type 5) to edit the answer into later. Returns the messages when sent inline, else null.
    /// </summary>
    private async Task<IReadOnlyList<DiscordMessage>?> RespondFirstAsync(HttpContext context, Task<ChatReply> answer)
    {
        // A file cannot travel in the HTTP response itself: an answer that opens with one is deferred
        // and edited in with a multipart PATCH.
        if (await IsReadyInTimeAsync(answer, context.RequestAborted) && DiscordMessageRenderer.Render(await answer) is [{ File: null }, ..] parts)
        {
            await RespondWithMessageAsync(context, Message(InteractionCallbackType.ChannelMessageWithSource, parts[0]));
            return parts;
        }

        // A deferred response carries at most the ephemeral flag; the answer is edited in later.
        await RespondAsync(context, new InteractionCallback(InteractionCallbackType.DeferredChannelMessageWithSource));
        return null;
    }

    /// <summary>
    /// The answer's life after the HTTP request: it runs on its own token and DI scope, holding its slot
    /// until it is ready, then sends what the initial response did not carry. This method is the one owner
    /// of that token, which follows shutdown and ends when the interaction token does.
    /// </summary>
    private async Task AnswerInBackgroundAsync(ChatRequest request, string applicationId, string token, TaskCompletionSource<ChatReply> answer, Task<IReadOnlyList<DiscordMessage>?> responded, long received, Activity? span)
    {
        using var spanEnds = span;
        using var answering = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        answering.CancelAfter(InteractionTokenLifetime);
        try
        {
            answer.SetResult(await AnswerAsync(request, answering.Token));
        }
        catch (Exception ex)
        {
            answer.SetException(ex);
        }
        finally
        {
            slots.Release();
        }

        IReadOnlyList<DiscordMessage>? sentInline = null;
        try
        {
            sentInline = await responded.WaitAsync(answering.Token);
            if (sentInline is null)
            {
                await DeliverDeferredAsync(applicationId, token, await answer.Task, answering.Token);
            }
            else
            {
                await SendFollowupsAsync(applicationId, token, sentInline.Skip(1), answering.Token);
            }

            // From the interaction's arrival to the answer's last message (the deferred edit or the last follow-up).
            metrics.CommandReplied(ChatCommands.MetricName(request.Command), ChatPlatform.Discord, time.GetElapsedTime(received));
        }
        catch (OperationCanceledException) when (responded.IsCanceled)
        {
            // The initial response failed (the request's own error says so): there is nothing to follow up.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Runs after the HTTP response, so nobody else would see it; the type only, as messages may carry URLs.
            LogWebhookFailed(logger, sentInline is null ? "complete a deferred answer" : "send a follow-up", ex.GetType().Name);
        }
    }

    private async Task<bool> IsReadyInTimeAsync(Task<ChatReply> answer, CancellationToken cancellationToken)
    {
        var deadline = TimeSpan.FromMilliseconds(options.Value.DeferAfterMilliseconds);
        if (deadline <= TimeSpan.Zero)
        {
            return false;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var first = await Task.WhenAny(answer, Task.Delay(deadline, time, stop.Token));
        await stop.CancelAsync();
        return first == answer;
    }

    private async Task<ChatReply> AnswerAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChatRouter>().HandleAsync(request, cancellationToken);
    }

    /// <summary>The language a refusal sent here, before the router, is written in (the router's rule).</summary>
    private async Task<string> LanguageAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChatRouter>().LanguageAsync(request, cancellationToken);
    }

    /// <summary>
    /// Edits a deferred response into the answer's first message (PATCH .../messages/@original), then posts
    /// the other parts as follow-ups; posting a follow-up first would replace the loading message instead.
    /// </summary>
    internal async Task DeliverDeferredAsync(string applicationId, string token, ChatReply reply, CancellationToken cancellationToken)
    {
        var parts = DiscordMessageRenderer.Render(reply);
        var original = await SendReplyPartAsync(HttpMethod.Patch, DiscordRoute.InteractionOriginal(applicationId, token), parts[0], cancellationToken);
        if (!original.IsSuccess)
        {
            LogWebhookFailed(logger, "edit the deferred response", original.Error);
            return;
        }

        await SendFollowupsAsync(applicationId, token, parts.Skip(1), cancellationToken);
    }

    private async Task SendFollowupsAsync(string applicationId, string token, IEnumerable<DiscordMessage> parts, CancellationToken cancellationToken)
    {
        foreach (var part in parts)
        {
            var response = await SendReplyPartAsync(HttpMethod.Post, DiscordRoute.InteractionFollowup(applicationId, token), part, cancellationToken);
            if (!response.IsSuccess)
            {
                // A 404 means the token is gone (10015/10062); retrying only adds invalid requests.
                LogWebhookFailed(logger, "send a follow-up", response.Error);
                return;
            }
        }
    }

    /// <summary>
    /// One message of an answer through the interaction webhook, counted by how it ended; a network error or
    /// Discord's silence comes back as a response that was not sent, as every other failure here does.
    /// </summary>
    private async Task<DiscordResponse> SendReplyPartAsync(HttpMethod method, DiscordRoute route, DiscordMessage part, CancellationToken cancellationToken)
    {
        DiscordResponse response;
        try
        {
            response = await rest.SendAsync(method, route, part, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The type only: the interaction token is in the route, and messages may carry it.
            response = DiscordResponse.NotSent("Discord did not answer: " + ex.GetType().Name);
        }

        metrics.MessageSent(ChatPlatform.Discord, ReplyOutcome(response));
        return response;
    }

    /// <summary>
    /// How a message through an interaction webhook ended. Unlike a channel's 403 or 404, a 404 here means the
    /// interaction's token is gone (docs/discord.md), not the channel: a failure, never a chat gone.
    /// </summary>
    internal static SendOutcome ReplyOutcome(DiscordResponse response) => response.StatusCode switch
    {
        >= 200 and < 300 => SendOutcome.Sent,
        0 or 401 or 403 or 404 or 408 or 429 or >= 500 => SendOutcome.Failed,
        _ => SendOutcome.Rejected,
    };

    private static Activity? StartCommandSpan(ChatRequest request)
    {
        var span = BotTracing.Source.StartActivity("command");
        span?.SetTag("command", ChatCommands.MetricName(request.Command));
        span?.SetTag("platform", "discord");
        return span;
    }

    internal const string ScanningUnavailable =
        "Link scanning is not turned on for this bot on Discord: it needs the gateway connection (Discord:Gateway:Enabled), which the bot's operator has not enabled. Anyone can check a link with /security check <link>.";

    // The command's own refusal when the sender may not run this use (its rule and wording are ChatCommands'), or
    // scanning's when members' messages cannot reach the bot because the operator has not turned the gateway on.
    // The rule and its wording are the command's (ChatCommands), in the language the chat's replies use.
    private async Task<string?> RefusalForAsync(ChatRequest request, CancellationToken cancellationToken) =>
        !ChatCommands.Allows(request) ? ChatCommands.RefusalFor(request.Command, await LanguageAsync(request, cancellationToken))
        : !options.Value.UsesGateway && IsScanning(request) ? ScanningUnavailable
        : null;

    private static bool IsScanning(ChatRequest request) =>
        request.Command == SecurityCommand.Entry.Name && request.Argument.Split(' ', 2)[0].Equals("scan", StringComparison.OrdinalIgnoreCase);

    internal static ChatRequest ToChatRequest(DiscordInteraction interaction, string name)
    {
        var userId = interaction.Member?.User?.Id ?? interaction.User?.Id ?? string.Empty;
        var argument = string.Join(' ', (interaction.Data?.Options ?? [])
            .Select(o => OptionText(o.Value))
            .Where(v => v.Length > 0));
        // Scanning is a whole server's setting, so turning it on or off takes Manage Server, not Manage Channels.
        var needed = name.Equals(SecurityCommand.Entry.Name, StringComparison.OrdinalIgnoreCase) && SecurityCommand.ChangesScanning(argument.Trim(), out _)
            ? DiscordApplicationCommands.ManageGuild | DiscordApplicationCommands.Administrator
            : DiscordApplicationCommands.ManageChannels | DiscordApplicationCommands.Administrator;
        // In a guild, "member.permissions" are the member's computed permissions in this channel;
        // in a DM with the bot there is no one else to protect the channel from.
        var isAdmin = interaction.Member is { } member
            ? ulong.TryParse(member.Permissions, NumberStyles.None, CultureInfo.InvariantCulture, out var permissions) && (permissions & needed) != 0
            : interaction.User is not null;
        // A new subscription's language: the guild's preferred locale in a server, the member's own in a DM.
        // An interaction without a member comes from a direct message with the bot.
        return new ChatRequest(ChatPlatform.Discord, interaction.ChannelId ?? string.Empty, userId, isAdmin, name.ToLowerInvariant(), argument.Trim())
        {
            Locale = interaction.GuildLocale ?? interaction.Locale,
            // Replies in a channel without a brief: the member's own client language, when we ship it (docs/languages.md).
            MemberLocale = interaction.Locale,
            IsPrivateChat = interaction.Member is null && interaction.User is not null,
            ServerId = interaction.GuildId,
        };
    }

    private static string OptionText(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString() ?? string.Empty,
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } v => v.GetRawText(),
        _ => string.Empty,
    };

    private async Task<IReadOnlyList<AutocompleteChoice>> ChoicesAsync(DiscordInteractionData data, CancellationToken cancellationToken)
    {
        var focused = data.Options?.FirstOrDefault(o => o.Focused == true);
        var typed = OptionText(focused?.Value).Trim();
        IEnumerable<string> candidates = focused?.Name switch
        {
            "timezone" => TimeZones.Value,
            "time" => Times.Value,
            "source" => await SourceNamesAsync(cancellationToken),
            _ => [],
        };
        return candidates
            .Where(c => c.Contains(typed, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.StartsWith(typed, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .Take(MaxChoices)
            .Select(c => new AutocompleteChoice(c, c))
            .ToList();
    }

    private async Task<IReadOnlyList<string>> SourceNamesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
            return await db.Sources.AsNoTracking().Where(s => s.Enabled).OrderBy(s => s.Name).Select(s => s.Name).Take(200).ToListAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // Suggestions are a convenience: without them the member can still type a name.
            LogWebhookFailed(logger, "suggest sources", ex.GetType().Name);
            return [];
        }
    }

    private static readonly Lazy<IReadOnlyList<string>> TimeZones = new(() => TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.HasIanaId ? z.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(z.Id, out var iana) ? iana : null)
        .OfType<string>()
        .Where(id => id.Length <= 100)
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList());

    private static readonly Lazy<IReadOnlyList<string>> Times = new(() => Enumerable.Range(0, 48)
        .Select(i => new TimeOnly(i / 2, i % 2 * 30).ToString("HH:mm", CultureInfo.InvariantCulture))
        .ToList());

    private static InteractionCallback Message(int type, DiscordMessage message) => new(type, message);

    private Task RespondPrivatelyAsync(HttpContext context, string text) =>
        RespondWithMessageAsync(context, Message(InteractionCallbackType.ChannelMessageWithSource, new DiscordMessage
        {
            Content = text,
            Flags = DiscordMessageFlags.Ephemeral,
        }));

    /// <summary>A response that carries a message to the member (not a PONG, a deferral or choices), counted as one.</summary>
    private async Task RespondWithMessageAsync(HttpContext context, InteractionCallback callback)
    {
        try
        {
            await RespondAsync(context, callback);
        }
        catch
        {
            // Discord never got the response (the request was aborted): the message it carried was not delivered.
            metrics.MessageSent(ChatPlatform.Discord, SendOutcome.Failed);
            throw;
        }

        metrics.MessageSent(ChatPlatform.Discord, SendOutcome.Sent);
    }

    private static async Task RespondAsync(HttpContext context, InteractionCallback callback)
    {
        // PONG and every callback need HTTP 200 with Content-Type application/json.
        context.Response.StatusCode = StatusCodes.Status200OK;
        await context.Response.WriteAsJsonAsync(callback, DiscordJson.Options, "application/json", context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Every Discord answer slot is busy (Discord:MaxConcurrentAnswers): /{Command} was answered \"busy, try again\"")]
    private static partial void LogBusy(ILogger logger, string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Discord interaction: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {Action} on Discord: {Error}")]
    private static partial void LogWebhookFailed(ILogger logger, string action, string error);
}
