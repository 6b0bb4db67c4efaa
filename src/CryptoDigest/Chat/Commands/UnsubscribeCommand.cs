using CryptoDigest.Briefs;
using CryptoDigest.Replies;

namespace CryptoDigest.Chat.Commands;

/// <summary>/unsubscribe: stops the chat's (or forum topic's) daily brief. A plain call, never a kernel function.</summary>
public sealed class UnsubscribeCommand(SubscriptionStore subscriptions) : IChatCommandHandler
{
    public static ChatCommand Entry { get; } = new("unsubscribe", "", "Stop the daily brief here (admins)", NeedsArgument: false)
    {
        AdminRule = ChatAdminRule.EveryUse("Only this chat's admins can use /unsubscribe here: it stops the chat's daily brief."),
    };

    public ChatCommand Command => Entry;

    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken) =>
        ChatReply.Text(await subscriptions.UnsubscribeAsync(request.Platform, request.ChatId, request.ThreadId, cancellationToken)
            ? request.Texts["Unsubscribe.Done"]
            : request.Texts["Unsubscribe.NoBrief"]);
}
