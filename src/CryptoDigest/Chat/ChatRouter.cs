using System.Globalization;
using CryptoDigest.Ai;
using CryptoDigest.Briefs;
using CryptoDigest.Feeds;
using CryptoDigest.Indices;
using CryptoDigest.Knowledge;
using CryptoDigest.Orchestration;
using CryptoDigest.Replies;
using CryptoDigest.Security;
using CryptoDigest.Security.LinkCheck;
using CryptoDigest.Summaries;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace CryptoDigest.Chat;

/// <summary>
/// Answers a <see cref="ChatRequest"/>: a plain switch from command to kernel function, with a
/// usage line for anything it cannot use. It never throws for bad input; an unexpected failure
/// becomes an apology, so one bad message never stops an adapter's loop.
/// </summary>
public sealed partial class ChatRouter(
    Kernel kernel,
    ModelAnswerer modelAnswerer,
    BriefComposer composer,
    SubscriptionStore subscriptions,
    SourceEditCommand sourceEdits,
    FeedsPlugin feeds,
    LinkCheckCommands linkCommands,
    IndexAnswers indexAnswers,
    DigestReader digests,
    IOptions<AiOptions> ai,
    IOptions<BriefsOptions> briefs,
    ILogger<ChatRouter> logger)
{
    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await RouteAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRequestFailed(logger, ex, request.Platform, request.Command);
            return ChatReply.Text("Sorry, something went wrong while answering that. Please try again in a moment.");
        }
    }

    private async Task<ChatReply> RouteAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var command = ChatCommands.Find(request.Command);
        if (request.Command.Length == 0)
        {
            // Plain text is a question, answered like /ask.
            command = ChatCommands.Ask;
        }
        else if (command is null)
        {
            return ChatReply.Text($"I don't know /{Shorten(request.Command)}. Try /help for the list of commands, e.g. {ChatCommands.Security.Usage}.");
        }

        if (command.NeedsArgument && string.IsNullOrWhiteSpace(request.Argument))
        {
            return ChatReply.Text($"Usage: {command.Usage} (e.g. {Example(command)})");
        }

        // The one admin check: each command declares which of its uses need a chat admin.
        if (!request.IsChatAdmin && command.NeedsChatAdmin(request.Argument))
        {
            return AdminRefusal(command);
        }

        return command.Name switch
        {
            "start" => Welcome(),
            "help" => Help(),
            "brief" => await BriefAsync(cancellationToken),
            "digest" => await DigestAsync(request.Argument, cancellationToken),
            // Subscriptions change state, so they are plain calls here and never kernel functions a model could reach.
            "subscribe" => await SubscribeAsync(request, cancellationToken),
            "unsubscribe" => await UnsubscribeAsync(request, cancellationToken),
            "index" => await IndexAsync(request.Argument, cancellationToken),
            // /security check and /security scan, and questions with a link in them, get the link check first.
            "security" => await linkCommands.HandleAsync(request.Platform, request.ChatId, request.IsChatAdmin, request.Argument, ct => AnswerAsync(SecurityPlugin.PluginName, SecurityPlugin.SearchFunction, request.Argument, ct), cancellationToken),
            // A question our parser knows as a computed index figure is answered by our code, model or not.
            "ask" when IndexQueryParser.Parse(request.Argument, out _) is { } query => await ComputedIndexAsync(query, cancellationToken),
            "ask" when ai.Value.IsConfigured => await modelAnswerer.AnswerAsync(request.Argument, new ModelAsker(request.Platform, request.ChatId, request.UserId), cancellationToken),
            "ask" => await AnswerAsync(NewslettersPlugin.PluginName, NewslettersPlugin.SearchAllFunction, request.Argument, cancellationToken),
            "sources" => await SourcesAsync(request, cancellationToken),
            _ => Help(),
        };
    }

    private async Task<ChatReply> AnswerAsync(string plugin, string function, string question, CancellationToken cancellationToken)
    {
        var result = await kernel.InvokeAsync(plugin, function, new KernelArguments { ["question"] = question }, cancellationToken);
        var answer = result.GetValue<KnowledgeAnswer>()
            ?? throw new InvalidOperationException($"{plugin}.{function} returned no answer.");
        return KnowledgeReplyFormatter.Format(answer);
    }

    /// <summary>/index: a computed figure (sub-commands or a question our parser recognizes), else the knowledge answer.</summary>
    private async Task<ChatReply> IndexAsync(string argument, CancellationToken cancellationToken)
    {
        var query = IndexQueryParser.Parse(argument, out var error);
        if (error is not null)
        {
            return ChatReply.Text(error);
        }

        return query is null
            ? await AnswerAsync(IndicesPlugin.PluginName, IndicesPlugin.SearchFunction, argument, cancellationToken)
            : await ComputedIndexAsync(query, cancellationToken);
    }

    private Task<ChatReply> ComputedIndexAsync(IndexQuery query, CancellationToken cancellationToken) =>
        indexAnswers.AnswerAsync(query, cancellationToken);

    private async Task<ChatReply> BriefAsync(CancellationToken cancellationToken)
    {
        var result = await kernel.InvokeAsync(NewslettersPlugin.PluginName, NewslettersPlugin.LatestBriefFunction, cancellationToken: cancellationToken);
        // Before the first scheduled edition, compose one on demand; it is stored and shared like any other.
        var brief = result.GetValue<BriefContent>() ?? BriefComposer.Read(await composer.ComposeAsync(cancellationToken));
        return BriefReplyBuilder.ToReply(brief);
    }

    private async Task<ChatReply> DigestAsync(string source, CancellationToken cancellationToken)
    {
        var result = await kernel.InvokeAsync(
            NewslettersPlugin.PluginName,
            NewslettersPlugin.RecentSummariesFunction,
            new KernelArguments { ["source"] = source },
            cancellationToken);
        var entries = result.GetValue<IReadOnlyList<DigestEntry>>();
        if (entries is null)
        {
            return ChatReply.Text($"I don't follow a newsletter called \"{Shorten(source)}\". /sources lists the ones I read.");
        }

        if (entries.Count == 0)
        {
            if (string.IsNullOrWhiteSpace(source))
            {
                return ChatReply.Text("No newsletter items yet: feeds are fetched on a schedule, so try again later.");
            }

            var name = await digests.ListedNameAsync(source, cancellationToken) ?? Shorten(source);
            return ChatReply.Text($"No issues yet from {name}: feeds are fetched on a schedule, so try again later.");
        }

        var blocks = entries.Select(e => new ReplyBlock(
            e.IsSample ? $"{e.Title} [sample]" : e.Title,
            $"{e.Summary}\n({e.Source}, {e.PublishedAt.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture)})",
            [new Citation($"{e.Source}: {e.Title}", e.Url)])).ToList();
        if (entries.Any(e => e.IsSample))
        {
            blocks.Insert(0, new ReplyBlock(null, BriefReplyBuilder.SampleLabel));
        }

        blocks.Add(new ReplyBlock(null, KnowledgeReplyFormatter.NotFinancialAdvice));
        return new ChatReply(blocks);
    }

    private async Task<ChatReply> SubscribeAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var (current, lastZone) = await subscriptions.FindWithLastZoneAsync(request.Platform, request.ChatId, request.ThreadId, cancellationToken);
        if (string.IsNullOrWhiteSpace(request.Argument))
        {
            return ChatReply.Text(current is { Active: true }
                ? $"This chat gets the daily brief at {Settings(current).Describe()}. Change it with /subscribe HH:MM Zone; stop it with /unsubscribe."
                : $"This chat has no daily brief. Start one with {SubscriptionArguments.Usage}");
        }

        var defaults = briefs.Value;
        var zone = current?.TimeZone ?? lastZone ?? defaults.DefaultTimeZone;
        var time = current?.DeliveryTime ?? TimeOnly.ParseExact(defaults.DefaultDeliveryTime, "HH:mm", CultureInfo.InvariantCulture);
        if (!SubscriptionArguments.TryParse(request.Argument, time, zone, out var settings, out var error))
        {
            return ChatReply.Text(error);
        }

        await subscriptions.SubscribeAsync(request.Platform, request.ChatId, request.ThreadId, settings, exists: current is not null, cancellationToken);
        return ChatReply.Text($"Subscribed: this chat gets the daily brief at {settings.Describe()}. /subscribe shows the setting; /unsubscribe stops it.");
    }

    private async Task<ChatReply> UnsubscribeAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        return ChatReply.Text(await subscriptions.UnsubscribeAsync(request.Platform, request.ChatId, request.ThreadId, cancellationToken)
            ? "Unsubscribed: no more daily briefs here. /subscribe starts them again."
            : "This chat has no daily brief to stop.");
    }

    private static SubscriptionSettings Settings(Storage.Subscription subscription) => new(
        subscription.DeliveryTime,
        subscription.TimeZone,
        subscription.SourceFilter.Split(',', StringSplitOptions.RemoveEmptyEntries));

    private async Task<ChatReply> SourcesAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        if (ChatCommands.SourceEdit(request.Argument) is { } action)
        {
            // Not a kernel function: editing sources must never be reachable by a model.
            var words = request.Argument.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return await sourceEdits.EditAsync(request, action, words.ElementAtOrDefault(1) ?? string.Empty, cancellationToken);
        }

        var lines = new List<string> { await kernel.InvokeAsync<string>(FeedsPlugin.PluginName, FeedsPlugin.ListFunction, cancellationToken: cancellationToken) ?? string.Empty };
        // Who added what, and mail from unknown senders, are the operator's business, not the members'.
        if (sourceEdits.IsEditor(request))
        {
            lines.Add(await feeds.AddedByNoteAsync(cancellationToken) ?? string.Empty);
            lines.Add(await feeds.MailboxNoteAsync(cancellationToken) ?? string.Empty);
        }

        return new ChatReply([new ReplyBlock("Newsletter sources", string.Join('\n', lines.Where(l => l.Length > 0)))]);
    }

    private static ChatReply AdminRefusal(ChatCommand command) => command.Name switch
    {
        "subscribe" => ChatReply.Text("Only the chat's admins can change its daily brief. Ask one of them, or subscribe in a private chat with me."),
        "unsubscribe" => ChatReply.Text("Only the chat's admins can stop its daily brief."),
        "security" => ChatReply.Text(LinkCheckCommands.ScanAdminsOnly),
        _ => ChatReply.Text($"Only the chat's admins can use /{command.Name} like that."),
    };

    private static ChatReply Welcome() => new(
    [
        new ReplyBlock("CryptoDigest", "I read crypto newsletters and answer questions about crypto indices and security, with my sources."),
        .. Help().Blocks,
    ]);

    private static ChatReply Help()
    {
        var lines = ChatCommands.All.Select(c => $"{c.Usage} - {c.Description}");
        return new ChatReply([new ReplyBlock("Commands", string.Join('\n', lines))]);
    }

    private static string Example(ChatCommand command) => command.Name switch
    {
        "index" => "/index weights top10 capped:25, or /index why market cap weighting",
        "security" => "/security how do I store bitcoin safely",
        _ => "/ask is bitcoin safe to hold on an exchange",
    };

    private static string Shorten(string command) => command.Length <= 32 ? command : command[..32];

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering a {Platform} request for /{Command} failed")]
    private static partial void LogRequestFailed(ILogger logger, Exception exception, ChatPlatform platform, string command);
}
