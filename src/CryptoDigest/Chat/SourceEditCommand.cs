using CryptoDigest.Feeds;
using CryptoDigest.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Chat;

/// <summary>
/// /sources add &lt;url&gt; and /sources remove &lt;name&gt;: changing what the bot fetches is a chat
/// command the router calls, never a kernel function a model could reach (docs/security-rules.md,
/// section 2). Sources are shared by every chat, so only the operator's listed source editors (and
/// the console chat) may change them, never a chat admin as such (docs/source-editors.md). Every
/// address still goes through the feed fetcher's SSRF guard.
/// </summary>
public sealed class SourceEditCommand(IServiceScopeFactory scopes, IOptions<FeedsOptions> options)
{
    private static readonly ChatReply EditorsOnly = ChatReply.Text(
        "Only the bot's source editors can add or remove sources, because the sources are shared by every chat. " +
        "The bot's operator chooses them (Feeds:SourceEditors).");

    /// <summary>Whether the sender may edit the shared sources: the console chat, or a person Feeds:SourceEditors lists.</summary>
    public bool IsEditor(ChatRequest request) =>
        // Entries name only telegram or discord, so a console request counts only through IsOperator.
        request.IsOperator || options.Value.ListsSourceEditor(request.Platform.ToString(), request.UserId);

    /// <summary>Adds or removes a source when the sender is a source editor; anyone else gets a refusal that changes nothing.</summary>
    public async Task<ChatReply> EditAsync(ChatRequest request, string action, string argument, CancellationToken cancellationToken)
    {
        if (!IsEditor(request))
        {
            return EditorsOnly;
        }

        if (string.IsNullOrWhiteSpace(argument))
        {
            return ChatReply.Text(action == "add" ? "Usage: /sources add <feed or site URL>" : "Usage: /sources remove <name>");
        }

        await using var scope = scopes.CreateAsyncScope();
        var sources = scope.ServiceProvider.GetRequiredService<FeedSources>();
        if (action == "add")
        {
            var (source, error) = await sources.AddAsync(argument.Trim(), request.Sender, cancellationToken);
            return ChatReply.Text(source is null
                ? $"Not added: {error}."
                : $"Added {source.Name} ({source.FeedUrl}). It is fetched with the others from now on.");
        }

        var removeError = await sources.RemoveAsync(argument, cancellationToken);
        return ChatReply.Text(removeError is null ? $"Removed {argument.Trim()} and its stored articles." : $"Not removed: {removeError}.");
    }
}
