using CryptoDigest.Knowledge;
using CryptoDigest.Replies;

namespace CryptoDigest.Chat;

/// <summary>
/// The reply a platform sends when an answer ran past its deadline (Telegram:UpdateTimeoutSeconds): the
/// curated knowledge base's answer to the same question, which needs no model and no market data, opened
/// by a line saying why. Commands that ask nothing get a short line instead. See docs/hardening.md.
/// </summary>
public sealed class SlowAnswerFallback(KnowledgeSearch search)
{
    public const string TookTooLong = "That took too long to work out, so this answer comes straight from my knowledge base.";

    public const string TryAgain = "That took too long to answer just now; please try again in a minute.";

    public ChatReply For(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        KnowledgeTopic[]? topics = request.Command switch
        {
            "index" => [KnowledgeTopic.Indices],
            "security" => [KnowledgeTopic.Security],
            "ask" or "" => [],
            _ => null,
        };
        if (topics is null || string.IsNullOrWhiteSpace(request.Argument))
        {
            return ChatReply.Text(TryAgain);
        }

        var answer = KnowledgeReplyFormatter.Format(search.Answer(request.Argument, topics), request.Texts);
        return answer with { Blocks = [new ReplyBlock(null, TookTooLong), .. answer.Blocks] };
    }
}
