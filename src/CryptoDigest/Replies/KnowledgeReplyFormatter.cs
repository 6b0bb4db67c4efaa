using System.Text.RegularExpressions;
using CryptoDigest.Knowledge;

namespace CryptoDigest.Replies;

/// <summary>Turns knowledge passages into a reply: one block per passage with its source, then the caveats that apply.</summary>
public static partial class KnowledgeReplyFormatter
{
    public const string NotFinancialAdvice = "Not financial advice: this is general information, not a recommendation to buy or sell anything.";
    public const string SeedPhraseWarning = "Never share your seed phrase or private keys with anyone, including this bot or anyone claiming to be support.";

    /// <summary>How fresh knowledge answers are: the curated texts rest on articles published in 2024 and 2025.</summary>
    public const string Freshness = "From my curated knowledge base, written from articles published in 2024-2025; check current figures before acting on them.";

    public const string Related = "Related, though not the same thing:";

    /// <summary>The opening of an answer the sources do not cover: the names they do not mention, or that nothing came close.</summary>
    public static string NotCovered(KnowledgeAnswer answer, ReplyTexts? texts = null)
    {
        texts ??= ReplyTexts.English;
        return answer.NotCovered.Count > 0
            ? texts.Format("Knowledge.NotCoveredNames", string.Join(", ", answer.NotCovered))
            : texts["Knowledge.NotCoveredAtAll"];
    }

    /// <summary>The passages as a reply with their caveats, in <paramref name="texts"/>' language (English when not given); the passages themselves are the curated English texts.</summary>
    public static ChatReply Format(KnowledgeAnswer answer, ReplyTexts? texts = null)
    {
        texts ??= ReplyTexts.English;
        if (answer.Passages.Count == 0)
        {
            return ChatReply.Text(texts.Format("Knowledge.TryRephrasing", NotCovered(answer, texts)));
        }

        var blocks = answer.Passages
            .Select(p => new ReplyBlock(p.Title, p.Text, [new Citation(p.Source)]))
            .ToList();
        if (answer.Abstains)
        {
            // The sources' silence first, so a related passage is not read as the answer.
            blocks.InsertRange(0, [new ReplyBlock(null, NotCovered(answer, texts)), new ReplyBlock(null, texts["Archive.Related"])]);
        }

        blocks.Add(new ReplyBlock(null, texts["Knowledge.Freshness"]));
        if (answer.Passages.Any(p => p.Topic == KnowledgeTopic.Security))
        {
            blocks.Add(new ReplyBlock(null, texts["Knowledge.SeedPhrase"]));
        }

        if (answer.Passages.Any(TouchesInvesting))
        {
            blocks.Add(new ReplyBlock(null, texts["Brief.NotFinancialAdvice"]));
        }

        return new ChatReply(blocks);
    }

    /// <summary>Index and newsletter material is about markets; other passages when they speak of investing.</summary>
    public static bool TouchesInvesting(AnswerPassage passage) =>
        passage.Topic is KnowledgeTopic.Indices or KnowledgeTopic.Newsletters
        || passage.Text.Contains("invest", StringComparison.OrdinalIgnoreCase);

    /// <summary>Free text (a question, a model's answer) that speaks of buying, holding or pricing assets.</summary>
    public static bool MentionsInvesting(string text) => Investing().IsMatch(text);

    [GeneratedRegex(@"\b(invest\w*|buy\w*|sell\w*|price\w*|portfolio\w*|allocat\w*|return\w*|yield\w*|trad(e|es|ing)|index|indices|etfs?|funds?|market\w*|bull\w*|bear\w*|profit\w*|dca)\b", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Investing();
}
