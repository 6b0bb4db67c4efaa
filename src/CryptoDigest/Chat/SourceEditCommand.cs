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
    /// <summary>Chat admins only, and only where the operator allows it.</summary>
    public async Task<ChatReply> EditAsync(ChatRequest request, string action, string argument, CancellationToken cancellationToken)
    {
        if (!options.Value.AllowChatAdminsToEditSources)
        {
            return ChatReply.Text("Sources are managed by the bot's operator here (Feeds:AllowChatAdminsToEditSources is off).");
        }

        if (!request.IsChatAdmin)
        {
            return ChatReply.Text($"Only chat admins can {action} sources.");
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
