using CryptoDigest.Replies;

namespace CryptoDigest.Chat.Commands;

/// <summary>
/// One chat command: its entry (name, usage, description, admin rule and refusal) and its answer.
/// The router switches on the entry's name and applies the usage line and the admin rule before
/// <see cref="HandleAsync"/>; AddChat registers every handler by hand.
/// </summary>
public interface IChatCommandHandler
{
    ChatCommand Command { get; }

    Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken);
}
