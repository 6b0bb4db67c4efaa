using CryptoDigest.Briefs;
using CryptoDigest.Replies;

namespace CryptoDigest.Chat.Commands;

/// <summary>/brief: the latest daily edition, as every subscribed chat gets it.</summary>
public sealed class BriefCommand(BriefComposer composer) : IChatCommandHandler
{
    public static ChatCommand Entry { get; } = new("brief", "", "Today's brief of the crypto newsletters", NeedsArgument: false);

    public ChatCommand Command => Entry;

    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        // Before the first scheduled edition, compose one on demand; it is stored and shared like any other.
        var brief = (await composer.LatestAsync(cancellationToken))?.Content ?? BriefComposer.Read(await composer.ComposeAsync(cancellationToken));
        return BriefReplyBuilder.ToReply(brief);
    }
}
