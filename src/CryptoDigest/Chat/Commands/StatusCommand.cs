using CryptoDigest.Operations;
using CryptoDigest.Replies;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Chat.Commands;

/// <summary>
/// /status: for a chat's admins, the chat's subscription and its last seven deliveries in plain words, so they can
/// see why a brief did or did not arrive. An operator (the console, or an id under Operators in a private chat
/// with the bot) also gets the operator's view: sources, the last edition, today's deliveries and the outbox, model
/// tokens, link scanning and e-mail intake (docs/operations.md). Never in a group: the operator's figures are not
/// the members' business.
/// </summary>
public sealed class StatusCommand(ChatDeliveryLog log, OperatorStatusReader reader, IOptions<OperatorsOptions> operators) : IChatCommandHandler
{
    public static ChatCommand Entry { get; } = new("status", "", "Why the daily brief did or did not arrive here (admins)", NeedsArgument: false)
    {
        // A chat's deliveries (and why one failed) are its admins' business, like /subscribe.
        AdminRule = ChatAdminRule.EveryUse("Only this chat's admins can use /status here: it shows how the chat's daily briefs were delivered. Ask one of them."),
    };

    public ChatCommand Command => Entry;

    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var blocks = new List<ReplyBlock> { await log.ReadAsync(request.Platform, request.ChatId, request.ThreadId, request.Texts, cancellationToken) };
        if (SeesOperatorView(request))
        {
            blocks.AddRange(OperatorStatusText.Blocks(await reader.ReadAsync(cancellationToken)));
        }

        return new ChatReply(blocks);
    }

    /// <summary>The console, or a listed operator in a private chat with the bot.</summary>
    private bool SeesOperatorView(ChatRequest request) =>
        request.IsOperator || (request.IsPrivateChat && operators.Value.Lists(request.Platform, request.UserId));
}
