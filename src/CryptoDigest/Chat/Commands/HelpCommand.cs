using CryptoDigest.Replies;

namespace CryptoDigest.Chat.Commands;

/// <summary>/help: every command's usage and description, in the order of <see cref="ChatCommands.All"/>.</summary>
public sealed class HelpCommand : IChatCommandHandler
{
    public static ChatCommand Entry { get; } = new("help", "", "List the commands", NeedsArgument: false);

    // The list never changes while the bot runs: built once, and one reply object lets an adapter format it once too.
    // Lazily: ChatCommands.All names this command's Entry, so building it in this type's initializer would read All half-made.
    private static readonly Lazy<Task<ChatReply>> Answer = new(() => Task.FromResult(Build()));

    public ChatCommand Command => Entry;

    public Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken) => Answer.Value;

    public static ChatReply CommandList() => Answer.Value.Result;

    private static ChatReply Build()
    {
        var lines = ChatCommands.All.Select(c => $"{c.Usage} - {c.Description}");
        return new ChatReply([new ReplyBlock("Commands", string.Join('\n', lines))]);
    }
}
