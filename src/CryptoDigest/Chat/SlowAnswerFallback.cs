using CryptoDigest.Knowledge;
using CryptoDigest.Replies;

namespace CryptoDigest.Chat;

/// <summary>
/// The reply a platform sends when an answer ran past its deadline (Telegram:UpdateTimeoutSeconds): the
/// curated knowledge base's answer to the same question, which needs no model and no market data, opened
/// by a line saying why (SlowAnswer.TookTooLong). Commands that ask nothing get a short line instead (SlowAnswer.TryAgain).
/// Both are in the request's language, which the adapter settles first. See docs/hardening.md.
/// </summary>
public sealed class SlowAnswerFallback(KnowledgeSearch search)
{
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
            return ChatReply.Text(request.Texts["SlowAnswer.TryAgain"]) with { Language = request.Language };
        }

        var answer = KnowledgeReplyFormatter.Format(search.Answer(request.Argument, topics), request.Texts);
        return answer with { Blocks = [new ReplyBlock(null, request.Texts["SlowAnswer.TookTooLong"]), .. answer.Blocks], Language = request.Language };
    }
}
