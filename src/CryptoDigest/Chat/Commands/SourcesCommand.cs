using CryptoDigest.Feeds;
using CryptoDigest.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Chat.Commands;

/// <summary>
/// /sources lists the newsletters and their status, for everyone. /sources add &lt;url&gt; and /sources
/// remove &lt;name&gt; change what the bot fetches: plain calls here, never a kernel function a model could
/// reach (docs/security-rules.md, section 2). Sources are shared by every chat, so only the operator's
/// listed source editors (and the console chat) may change them, never a chat admin as such; that is why
/// the command has no chat-admin rule (docs/source-editors.md). Every address still goes through the feed
/// fetcher's SSRF guard.
/// </summary>
public sealed class SourcesCommand(SourceListing listing, IServiceScopeFactory scopes, IOptions<FeedsOptions> options) : IChatCommandHandler
{
    public static ChatCommand Entry { get; } = new("sources", "[add <url> | remove <name>]", "The newsletters I read and their status; source editors may add or remove", NeedsArgument: false);

    public ChatCommand Command => Entry;

    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var words = request.Argument.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var action = words.FirstOrDefault()?.ToLowerInvariant();
        return action is "add" or "remove"
            ? await EditAsync(request, action, words.ElementAtOrDefault(1) ?? string.Empty, cancellationToken)
            : await ListAsync(request, cancellationToken);
    }

    /// <summary>Whether the sender may edit the shared sources: the console chat, or a person Feeds:SourceEditors lists.</summary>
    private bool IsEditor(ChatRequest request) =>
        // Entries name only telegram or discord, so a console request counts only through IsOperator.
        request.IsOperator || options.Value.ListsSourceEditor(request.Platform.ToString(), request.UserId);

    private async Task<ChatReply> ListAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var lines = new List<string> { await listing.ListAsync(request.Texts, cancellationToken) };
        // Who added what, and mail from unknown senders, are the operator's business, not the members'.
        if (IsEditor(request))
        {
            lines.Add(await listing.AddedByNoteAsync(cancellationToken) ?? string.Empty);
            lines.Add(await listing.MailboxNoteAsync(cancellationToken) ?? string.Empty);
        }

        return new ChatReply([new ReplyBlock(request.Texts["Sources.Heading"], string.Join('\n', lines.Where(l => l.Length > 0)))]);
    }

    /// <summary>Adds or removes a source when the sender is a source editor; anyone else gets a refusal that changes nothing.</summary>
    private async Task<ChatReply> EditAsync(ChatRequest request, string action, string argument, CancellationToken cancellationToken)
    {
        if (!IsEditor(request))
        {
            return ChatReply.Text(request.Texts["Sources.EditorsOnly"]);
        }

        if (string.IsNullOrWhiteSpace(argument))
        {
            return ChatReply.Text(request.Texts[action == "add" ? "Sources.AddUsage" : "Sources.RemoveUsage"]);
        }

        await using var scope = scopes.CreateAsyncScope();
        var sources = scope.ServiceProvider.GetRequiredService<FeedSources>();
        if (action == "add")
        {
            var (source, error) = await sources.AddAsync(argument.Trim(), request.Sender, cancellationToken);
            // The reason is the feed layer's own words (English), for the operator's listed editors.
            return ChatReply.Text(source is null
                ? request.Texts.Format("Sources.NotAdded", error)
                : request.Texts.Format("Sources.Added", source.Name, source.FeedUrl));
        }

        var removeError = await sources.RemoveAsync(argument, cancellationToken);
        return ChatReply.Text(removeError is null ? request.Texts.Format("Sources.Removed", argument.Trim()) : request.Texts.Format("Sources.NotRemoved", removeError));
    }
}
