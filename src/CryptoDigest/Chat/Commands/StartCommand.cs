using CryptoDigest.Replies;

namespace CryptoDigest.Chat.Commands;

/// <summary>/start: a greeting and the list of commands (also what a group hears when the bot is added).</summary>
public sealed class StartCommand : IChatCommandHandler
{
    public static ChatCommand Entry { get; } = new("start", "", "Say hello and see what I can do", NeedsArgument: false);

    public ChatCommand Command => Entry;

    public Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken) => Task.FromResult(new ChatReply(
    [
        new ReplyBlock("CryptoDigest", request.Texts["Start.Greeting"]),
        .. HelpCommand.CommandList(request.Texts).Blocks,
    ]));
}
