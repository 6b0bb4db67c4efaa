using System.Collections.Concurrent;
using CryptoDigest.Replies;

namespace CryptoDigest.Chat.Commands;

/// <summary>/help: every command's usage and description, in the order of <see cref="ChatCommands.All"/>.</summary>
public sealed class HelpCommand : IChatCommandHandler
{
    // The list never changes while the bot runs: built once per language, and one reply object lets an adapter
    // format it once too. Built on first use: ChatCommands.All names this command's Entry, so building it in this
    // type's initializer would read All half-made.
    private static readonly ConcurrentDictionary<string, Task<ChatReply>> Answers = new(StringComparer.Ordinal);

    public static ChatCommand Entry { get; } = new("help", "", "List the commands", NeedsArgument: false);

    public ChatCommand Command => Entry;

    public Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken) => AnswerIn(request.Texts);

    /// <summary>The list in a language: usage lines with translated argument names, translated descriptions; command names as typed.</summary>
    public static ChatReply CommandList(ReplyTexts? texts = null) => AnswerIn(texts ?? ReplyTexts.English).Result;

    private static Task<ChatReply> AnswerIn(ReplyTexts texts) =>
        Answers.GetOrAdd(texts.Culture.Name, _ => Task.FromResult(Build(texts)));

    private static ChatReply Build(ReplyTexts texts)
    {
        var lines = ChatCommands.All.Select(c => $"{c.UsageIn(texts)} - {c.DescriptionIn(texts)}");
        return new ChatReply([new ReplyBlock(texts["Help.Heading"], string.Join('\n', lines))]) { Language = texts.Culture.Name };
    }
}
