using CryptoDigest.Briefs;
using CryptoDigest.Chat.Commands;
using CryptoDigest.Replies;
using CryptoDigest.Telemetry;
using Microsoft.Extensions.Logging;

namespace CryptoDigest.Chat;

/// <summary>
/// Answers a <see cref="ChatRequest"/>: the switch from a command's name to its handler in Chat/Commands.
/// An unknown command gets a pointer to /help, a command missing its argument its usage line, a use that
/// needs a chat admin (each handler declares which) its refusal; plain text is a question for /ask. It never
/// throws for bad input; an unexpected failure becomes an apology, so one bad message never stops an adapter's loop.
/// Before any of that it settles the reply's language (<see cref="ChatRequest.Language"/>, docs/languages.md).
/// </summary>
public sealed partial class ChatRouter(IEnumerable<IChatCommandHandler> handlers, BriefLanguageLookup briefLanguages, ILogger<ChatRouter> logger, BotMetrics metrics)
{
    private readonly Dictionary<string, IChatCommandHandler> _handlers = handlers.ToDictionary(h => h.Command.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The commands a handler is registered for.</summary>
    public IReadOnlyCollection<ChatCommand> Commands => _handlers.Values.Select(h => h.Command).ToList();

    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        metrics.CommandHandled(ChatCommands.MetricName(request.Command), request.Platform);
        try
        {
            return await RouteAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRequestFailed(logger, ex, request.Platform, request.Command);
            return ChatReply.Text(request.Texts["Router.Failed"]);
        }
    }

    /// <summary>
    /// The chat's brief language when it has a brief (a forum topic's own, else none); otherwise the sender's
    /// platform language when it is one we ship; otherwise English.
    /// </summary>
    public async Task<string> LanguageAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var briefLanguage = await briefLanguages.FindAsync(request.Platform, request.ChatId, request.ThreadId, cancellationToken);
        return briefLanguage is not null
            ? BriefLanguages.Find(briefLanguage) ?? BriefLanguages.Default
            : BriefLanguages.Find(request.MemberLocale ?? request.Locale) ?? BriefLanguages.Default;
    }

    private async Task<ChatReply> RouteAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        // Plain text is a question, answered like /ask.
        var name = request.Command.Length == 0 ? AskCommand.Entry.Name : request.Command;
        var handler = _handlers.GetValueOrDefault(name);
        var command = handler?.Command;
        var answersHere = handler is null
            || (command!.NeedsArgument && string.IsNullOrWhiteSpace(request.Argument))
            || (!request.IsChatAdmin && command.AdminRule is not null && command.NeedsChatAdmin(request.Argument));
        if (answersHere || !command!.SettlesLanguageItself)
        {
            request = request with { Language = await LanguageAsync(request, cancellationToken) };
        }

        var texts = request.Texts;
        if (handler is null)
        {
            return InLanguage(ChatReply.Text(texts.Format("Router.UnknownCommand", Shorten(request.Command), SecurityCommand.Entry.UsageIn(texts))), request);
        }

        if (command!.NeedsArgument && string.IsNullOrWhiteSpace(request.Argument))
        {
            return InLanguage(ChatReply.Text(command.ExampleIn(texts) is { } example
                ? texts.Format("Router.UsageWithExample", command.UsageIn(texts), example)
                : texts.Format("Router.Usage", command.UsageIn(texts))), request);
        }

        // The one admin check, by the rule the command declares for this use.
        if (!request.IsChatAdmin && command.AdminRule is not null && command.NeedsChatAdmin(request.Argument))
        {
            return InLanguage(ChatReply.Text(command.RefusalIn(texts)!), request);
        }

        return InLanguage(await handler.HandleAsync(request, cancellationToken), request);
    }

    // The reply's own labels (a citation's "Source:") follow the language settled for the request; a reply
    // already in it (a cached /help) is kept as it is, so an adapter can still format that one object once.
    private static ChatReply InLanguage(ChatReply reply, ChatRequest request) =>
        reply.Language.Equals(request.Language, StringComparison.OrdinalIgnoreCase) ? reply : reply with { Language = request.Language };

    private static string Shorten(string command) => command.Length <= 32 ? command : command[..32];

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering a {Platform} request for /{Command} failed")]
    private static partial void LogRequestFailed(ILogger logger, Exception exception, ChatPlatform platform, string command);
}
