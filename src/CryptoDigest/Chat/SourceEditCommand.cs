using CryptoDigest.Feeds;
using CryptoDigest.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Chat;

/// <summary>
/// /sources add &lt;url&gt; and /sources remove &lt;name&gt;: changing what the bot fetches is a chat
/// command the router calls, never a kernel function a model could reach (docs/security-rules.md,
/// section 2). Every address still goes through the feed fetcher's SSRF guard.
/// </summary>
public sealed class SourceEditCommand(IServiceScopeFactory scopes, IOptions<FeedsOptions> options)
{
    private static readonly ChatReply OperatorOnly =
        ChatReply.Text("Sources are managed by the bot's operator here (Feeds:AllowChatAdminsToEditSources is off).");

    /// <summary>The answer to a member who is not an admin: that the operator manages sources, when they do, comes first.</summary>
    public ChatReply Refusal(string action) =>
        options.Value.AllowChatAdminsToEditSources ? ChatReply.Text($"Only chat admins can {action} sources.") : OperatorOnly;

    /// <summary>
    /// Adds or removes a source where the operator allows it. Only chat admins get here: the router
    /// applies the admin rule of <see cref="ChatCommands.Sources"/> first.
    /// </summary>
    public async Task<ChatReply> EditAsync(string action, string argument, CancellationToken cancellationToken)
    {
        if (!options.Value.AllowChatAdminsToEditSources)
        {
            return OperatorOnly;
        }

        if (string.IsNullOrWhiteSpace(argument))
        {
            return ChatReply.Text(action == "add" ? "Usage: /sources add <feed or site URL>" : "Usage: /sources remove <name>");
        }

        await using var scope = scopes.CreateAsyncScope();
        var sources = scope.ServiceProvider.GetRequiredService<FeedSources>();
        if (action == "add")
        {
            var (source, error) = await sources.AddAsync(argument.Trim(), cancellationToken);
            return ChatReply.Text(source is null
                ? $"Not added: {error}."
                : $"Added {source.Name} ({source.FeedUrl}). It is fetched with the others from now on.");
        }

        var removeError = await sources.RemoveAsync(argument, cancellationToken);
        return ChatReply.Text(removeError is null ? $"Removed {argument.Trim()} and its stored articles." : $"Not removed: {removeError}.");
    }
}
