using CryptoDigest.Indices;
using CryptoDigest.Knowledge;
using CryptoDigest.Orchestration;
using CryptoDigest.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace CryptoDigest.Chat;

/// <summary>
/// Answers a <see cref="ChatRequest"/>: a plain switch from command to kernel function, with a
/// usage line for anything it cannot use. It never throws for bad input; an unexpected failure
/// becomes an apology, so one bad message never stops an adapter's loop.
/// </summary>
public sealed partial class ChatRouter(Kernel kernel, ILogger<ChatRouter> logger)
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

        if (!command.Available)
        {
            return ChatReply.Text($"{command.Usage} is not available yet: {command.Description.ToLowerInvariant()} is still being built. Try /index or /security in the meantime.");
        }

        if (command.NeedsArgument && string.IsNullOrWhiteSpace(request.Argument))
        {
            return ChatReply.Text($"Usage: {command.Usage} (e.g. {Example(command)})");
        }

        return command.Name switch
        {
            "start" => Welcome(),
            "help" => Help(),
            "index" => await AnswerAsync(IndicesPlugin.PluginName, IndicesPlugin.SearchFunction, request.Argument, cancellationToken),
            "security" => await AnswerAsync(SecurityPlugin.PluginName, SecurityPlugin.SearchFunction, request.Argument, cancellationToken),
            "ask" => await AnswerAsync(NewslettersPlugin.PluginName, "search_all_knowledge", request.Argument, cancellationToken),
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

    private async Task<ChatReply> SourcesAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var words = request.Argument.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length > 0 && words[0].ToLowerInvariant() is "add" or "remove")
        {
            // Not a kernel function: editing sources must never be reachable by a model.
            return await kernel.Services.GetRequiredService<FeedsPlugin>().EditAsync(request, words[0].ToLowerInvariant(), words.ElementAtOrDefault(1) ?? string.Empty, cancellationToken);
        }

        var list = await kernel.InvokeAsync<string>(FeedsPlugin.PluginName, FeedsPlugin.ListFunction, cancellationToken: cancellationToken);
        return new ChatReply([new ReplyBlock("Newsletter sources", list ?? string.Empty)]);
    }

    private static ChatReply Welcome() => new(
    [
        new ReplyBlock("CryptoDigest", "I read crypto newsletters and answer questions about crypto indices and security, with my sources."),
        .. Help().Blocks,
    ]);

    private static ChatReply Help()
    {
        var lines = ChatCommands.All.Select(c => $"{c.Usage} - {c.Description}{(c.Available ? string.Empty : " (coming soon)")}");
        return new ChatReply([new ReplyBlock("Commands", string.Join('\n', lines))]);
    }

    private static string Example(ChatCommand command) => command.Name switch
    {
        "index" => "/index why market cap weighting",
        "security" => "/security how do I store bitcoin safely",
        _ => "/ask is bitcoin safe to hold on an exchange",
    };

    private static string Shorten(string command) => command.Length <= 32 ? command : command[..32];

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering a {Platform} request for /{Command} failed")]
    private static partial void LogRequestFailed(ILogger logger, Exception exception, ChatPlatform platform, string command);
}
