using CryptoDigest.Replies;

namespace CryptoDigest.Chat.Commands;

/// <summary>/help: every command's usage and description, in the order of <see cref="ChatCommands.All"/>.</summary>
public sealed class HelpCommand : IChatCommandHandler
{
    public static ChatCommand Entry { get; } = new("help", "", "List the commands", NeedsArgument: false);

    public ChatCommand Command => Entry;

    public Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken) => Task.FromResult(CommandList());

    public static ChatReply CommandList()
    {
        var lines = ChatCommands.All.Select(c => $"{c.Usage} - {c.Description}");
        return new ChatReply([new ReplyBlock("Commands", string.Join('\n', lines))]);
    }
}
