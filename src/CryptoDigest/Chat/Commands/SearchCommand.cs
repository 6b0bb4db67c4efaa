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
        var texts = request.Texts;
        var query = ArchiveQuery.Parse(request.Argument, search.RetentionDays, out var error, texts);
        if (query is null)
        {
            return ChatReply.Text(texts.Format("Search.Usage", error, Entry.UsageIn(texts), Entry.ExampleIn(texts)));
        }

        return ArchiveReply.For(await search.SearchAsync(query, count: null, cancellationToken), texts);
    }
}
