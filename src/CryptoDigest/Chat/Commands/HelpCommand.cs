using CryptoDigest.Replies;

namespace CryptoDigest.Chat.Commands;

/// <summary>/help: every command's usage and description, in the order of <see cref="ChatCommands.All"/>.</summary>
public sealed class HelpCommand : IChatCommandHandler
{
    public static ChatCommand Entry { get; } = new("help", "", "List the commands", NeedsArgument: false);

    public ChatCommand Command => Entry;

    public Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken) => Task.FromResult(CommandList(request.Texts));

    /// <summary>The list in a language: usage lines with translated argument names, translated descriptions; command names as typed.</summary>
    public static ChatReply CommandList(ReplyTexts? texts = null)
    {
        texts ??= ReplyTexts.English;
        var lines = ChatCommands.All.Select(c => $"{c.UsageIn(texts)} - {c.DescriptionIn(texts)}");
        return new ChatReply([new ReplyBlock(texts["Help.Heading"], string.Join('\n', lines))]);
    }
}
