using CryptoDigest.Briefs;
using CryptoDigest.Replies;

namespace CryptoDigest.Chat.Commands;

/// <summary>/brief: the latest edition, as this chat gets it (its /settings: sources, topics, length, cadence, market line).</summary>
public sealed class BriefCommand(BriefComposer composer, SubscriptionStore subscriptions, ChatBriefReplies chatBriefs) : IChatCommandHandler
{
    public static ChatCommand Entry { get; } = new("brief", "", "Today's brief of the crypto newsletters", NeedsArgument: false);

    public ChatCommand Command => Entry;

    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        // Before the first scheduled edition, compose one on demand; it is stored and shared like any other.
        var latest = await composer.LatestAsync(cancellationToken);
        var edition = latest?.Edition ?? await composer.ComposeAsync(cancellationToken);
        var content = latest?.Content ?? BriefComposer.Read(edition);
        var subscription = await subscriptions.FindAsync(request.Platform, request.ChatId, request.ThreadId, cancellationToken);
        return subscription is { Active: true }
            ? await chatBriefs.BuildAsync(edition, content, BriefVariant.Of(subscription), cancellationToken)
            // No brief here: the whole edition, in the language the router settled for this member.
            : await chatBriefs.BuildAsync(edition, content, BriefVariant.Everything with { Language = request.Language }, cancellationToken);
    }
}
