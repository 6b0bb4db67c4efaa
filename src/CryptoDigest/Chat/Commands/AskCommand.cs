using CryptoDigest.Ai;
using CryptoDigest.Archive;
using CryptoDigest.Feedback;
using CryptoDigest.Indices;
using CryptoDigest.Knowledge;
using CryptoDigest.Orchestration;
using CryptoDigest.Replies;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Chat.Commands;

/// <summary>
/// /ask, and plain text addressed to the bot. A question about what the newsletters wrote (it names a
/// newsletter, or says "newsletters", "piece", "this week", ...: <see cref="ArchiveQuestion"/>) is answered from the
/// archive: offline with quotes and citations (<see cref="ArchiveAnswerer"/>), with a model by the model over the
/// retrieved passages only, its citations checked and rendered by our code (<see cref="ArchiveModelAnswerer"/>). Otherwise a computed index figure when our
/// parser knows the question, then the model with its read-only functions (<see cref="ModelAnswerer"/>) when one
/// is configured, otherwise the best passages of the whole knowledge base, or the archive's quotes when it holds
/// something closer to the question (<see cref="ArchiveAnswerer.AnswersBetter"/>). A model or archive answer is stored with
/// 👍/👎 buttons under it (<see cref="FeedbackStore"/>); refusals and one-line notices are not.
/// </summary>
public sealed class AskCommand(IndexAnswers indexAnswers, ModelAnswerer model, KnowledgeSearch search, ArchiveAnswerer archive, ArchiveModelAnswerer archiveModel, AnswerLimits limits, IOptions<AiOptions> ai, FeedbackStore feedback) : IChatCommandHandler
{
    public static ChatCommand Entry { get; } = new("ask", "<question>", "Ask anything about indices, security or newsletters", NeedsArgument: true)
    {
        Example = "/ask is bitcoin safe to hold on an exchange",
    };

    public ChatCommand Command => Entry;

    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var question = request.Argument;
        var asker = new Asker(request.Platform, request.ChatId, request.UserId);

        // Before the index parser, so "what did Glassnode say about the drawdown" quotes Glassnode rather than computing one.
        var fromArchive = ai.Value.IsConfigured
            ? await archiveModel.AnswerAsync(question, asker, request.Language, cancellationToken)
            : await archive.AnswerAsync(question, request.Texts, cancellationToken);
        if (fromArchive is not null)
        {
            return await OfferFeedbackAsync(request, fromArchive, byModel: ai.Value.IsConfigured, cancellationToken);
        }

        if (IndexQueryParser.Parse(question, out _) is { } query)
        {
            // The same computed answer as /index, so the same allowance.
            return limits.Refuse(AnswerKind.Index, asker, request.Texts)
                ?? await indexAnswers.AnswerAsync(query, cancellationToken, request.Texts);
        }

        if (!ai.Value.IsConfigured)
        {
            // A question with no cue for the archive ("how much did crypto funds take in this year") may still be about
            // what the newsletters wrote: the archive answers it when it holds something closer than the knowledge base.
            var known = await search.AnswerAsync(question, cancellationToken);
            return await archive.AnswerOpenAsync(question, known, request.Texts, cancellationToken) is { } open
                ? await OfferFeedbackAsync(request, open, byModel: false, cancellationToken)
                : KnowledgeReplyFormatter.Format(known, request.Texts);
        }

        var answer = await model.AnswerAsync(question, asker, request.Language, cancellationToken);
        // When the model could not answer, the knowledge base did, and says so in its first line.
        var byModel = !ModelAnswerer.FellBackToKnowledgeBase(answer, request.Texts);
        return await OfferFeedbackAsync(request, answer, byModel, cancellationToken);
    }

    // A refusal (an hourly allowance used up) or a one-line notice is one plain block: nothing there to rate.
    private async Task<ChatReply> OfferFeedbackAsync(ChatRequest request, ChatReply answer, bool byModel, CancellationToken cancellationToken)
    {
        if (!feedback.Enabled || (answer.Blocks.Count < 2 && answer.Blocks.All(b => b.Citations.Count == 0)))
        {
            return answer;
        }

        // The language the reply was written in, which the router settled for this request.
        return await feedback.OfferAsync(request.Platform, request.ChatId, request.Argument, answer, byModel, request.Language, cancellationToken);
    }
}
