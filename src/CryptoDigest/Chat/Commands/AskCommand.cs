using CryptoDigest.Ai;
using CryptoDigest.Archive;
using CryptoDigest.Indices;
using CryptoDigest.Knowledge;
using CryptoDigest.Orchestration;
using CryptoDigest.Replies;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Chat.Commands;

/// <summary>
/// /ask, and plain text addressed to the bot. Offline, a question about what the newsletters wrote (it names a
/// newsletter, or says "newsletters", "piece", "this week", ...: <see cref="ArchiveQuestion"/>) is answered from the
/// archive with quotes and citations (<see cref="ArchiveAnswerer"/>). Otherwise a computed index figure when our
/// parser knows the question, then the model with its read-only functions (<see cref="ModelAnswerer"/>) when one
/// is configured, otherwise the best passages of the whole knowledge base.
/// </summary>
public sealed class AskCommand(IndexAnswers indexAnswers, ModelAnswerer model, KnowledgeSearch search, ArchiveAnswerer archive, AnswerLimits limits, IOptions<AiOptions> ai) : IChatCommandHandler
{
    public static ChatCommand Entry { get; } = new("ask", "<question>", "Ask anything about indices, security or newsletters", NeedsArgument: true)
    {
        Example = "/ask is bitcoin safe to hold on an exchange",
    };

    public ChatCommand Command => Entry;

    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var question = request.Argument;

        // Before the index parser, so "what did Glassnode say about the drawdown" quotes Glassnode rather than computing one.
        if (!ai.Value.IsConfigured && await archive.AnswerAsync(question, cancellationToken) is { } quoted)
        {
            return quoted;
        }

        if (IndexQueryParser.Parse(question, out _) is { } query)
        {
            // The same computed answer as /index, so the same allowance.
            return limits.Refuse(AnswerKind.Index, new Asker(request.Platform, request.ChatId, request.UserId))
                ?? await indexAnswers.AnswerAsync(query, cancellationToken);
        }

        return ai.Value.IsConfigured
            ? await model.AnswerAsync(question, new Asker(request.Platform, request.ChatId, request.UserId), cancellationToken)
            : KnowledgeReplyFormatter.Format(await search.AnswerAsync(question, cancellationToken));
    }
}
