using CryptoDigest.Archive;
using CryptoDigest.Replies;

namespace CryptoDigest.Chat.Commands;

/// <summary>
/// /search &lt;words&gt; [source:&lt;name&gt;] [days:&lt;n&gt;]: the newsletter issues the bot has read that match best,
/// newest first among equals, each with newsletter, issue date, title, link and the matching sentence. For everyone.
/// </summary>
public sealed class SearchCommand(ArchiveSearch search) : IChatCommandHandler
{
    public static ChatCommand Entry { get; } = new("search", "<words> [source:<name>] [days:<n>]", "Search the newsletter issues I have read", NeedsArgument: true)
    {
        Example = "/search exchange balances source:glassnode days:30",
    };

    public ChatCommand Command => Entry;

    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var query = ArchiveQuery.Parse(request.Argument, search.RetentionDays, out var error);
        if (query is null)
        {
            return ChatReply.Text($"{error} Usage: {Entry.Usage}, e.g. {Entry.Example}");
        }

        return ArchiveReply.For(await search.SearchAsync(query, count: null, cancellationToken));
    }
}
