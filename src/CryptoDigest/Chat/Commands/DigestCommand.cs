using System.Globalization;
using CryptoDigest.Briefs;
using CryptoDigest.Replies;
using CryptoDigest.Summaries;

namespace CryptoDigest.Chat.Commands;

/// <summary>/digest [source]: the latest newsletter summaries, of every source or of one.</summary>
public sealed class DigestCommand(DigestReader digests) : IChatCommandHandler
{
    public static ChatCommand Entry { get; } = new("digest", "[source]", "Latest newsletter summaries, optionally of one source", NeedsArgument: false);

    public ChatCommand Command => Entry;

    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var source = request.Argument;
        var entries = await digests.LatestAsync(source, DigestReader.DefaultCount, cancellationToken);
        if (entries is null)
        {
            return ChatReply.Text(request.Texts.Format("Digest.UnknownSource", Shorten(source)));
        }

        if (entries.Count == 0)
        {
            if (string.IsNullOrWhiteSpace(source))
            {
                return ChatReply.Text(request.Texts["Digest.NothingYet"]);
            }

            var name = await digests.ListedNameAsync(source, cancellationToken) ?? Shorten(source);
            return ChatReply.Text(request.Texts.Format("Digest.NothingYetFrom", name));
        }

        return Reply(entries, request.Texts);
    }

    private static ChatReply Reply(IReadOnlyList<DigestEntry> entries, ReplyTexts texts)
    {
        var blocks = entries.Select(e => new ReplyBlock(
            e.IsSample ? $"{e.Title} {texts["Brief.SampleTag"]}" : e.Title,
            $"{e.Summary}\n({e.Source}, {e.PublishedAt.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture)})",
            [new Citation($"{e.Source}: {e.Title}", e.Url)])).ToList();
        if (entries.Any(e => e.IsSample))
        {
            blocks.Insert(0, new ReplyBlock(null, texts["Brief.SampleLabel"]));
        }

        blocks.Add(new ReplyBlock(null, texts["Brief.NotFinancialAdvice"]));
        return new ChatReply(blocks);
    }

    private static string Shorten(string source) => source.Length <= 32 ? source : source[..32];
}
