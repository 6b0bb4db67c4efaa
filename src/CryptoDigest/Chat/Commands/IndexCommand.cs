using CryptoDigest.Indices;
using CryptoDigest.Knowledge;
using CryptoDigest.Orchestration;
using CryptoDigest.Replies;

namespace CryptoDigest.Chat.Commands;

/// <summary>
/// /index: a figure computed from market data (the sub-commands, or a question our parser recognizes),
/// otherwise the curated knowledge about indices. A computed figure is always our code's, model or not,
/// and counts against the member's and the chat's hourly allowance of computed answers (<see cref="AnswerLimits"/>).
/// </summary>
public sealed class IndexCommand(IndexAnswers answers, KnowledgeSearch search, AnswerLimits limits) : IChatCommandHandler
{
    public static ChatCommand Entry { get; } = new("index", "<question> | weights | compare | drawdown <coin> | concentration", "Index figures from market data (weights, backtests, drawdowns) or questions on weighting", NeedsArgument: true)
    {
        Example = "/index weights top10 capped:25, or /index why market cap weighting",
    };

    public ChatCommand Command => Entry;

    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var query = IndexQueryParser.Parse(request.Argument, out var error, request.Texts);
        if (error is not null)
        {
            return ChatReply.Text(error);
        }

        if (query is null)
        {
            return KnowledgeReplyFormatter.Format(await search.AnswerAsync(request.Argument, cancellationToken, KnowledgeTopic.Indices), request.Texts);
        }

        return limits.Refuse(AnswerKind.Index, new Asker(request.Platform, request.ChatId, request.UserId), request.Texts)
            ?? await answers.AnswerAsync(query, cancellationToken, request.Texts);
    }
}
