using CryptoDigest.Ai;
using CryptoDigest.Indices;
using CryptoDigest.Replies;
using CryptoDigest.Security.LinkCheck;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Orchestration;

/// <summary>
/// The per-member and per-chat hourly limits of every costly kind of answer, in one place: model answers,
/// computed index figures and link checks each have their own <see cref="AnswerRateLimiter"/>, so a member
/// who spent the index allowance can still ask the model. Answers that cost nothing (the knowledge base,
/// offline answers after the budget is spent) never pass through here. See docs/model-limits.md.
/// </summary>
public sealed partial class AnswerLimits : IDisposable
{
    private readonly Dictionary<AnswerKind, AnswerRateLimiter> _limiters;
    private readonly ILogger<AnswerLimits> _logger;

    public AnswerLimits(IOptions<AiOptions> ai, IOptions<MarketOptions> market, IOptions<LinkCheckOptions> links, TimeProvider time, ILogger<AnswerLimits> logger)
    {
        _logger = logger;
        _limiters = new Dictionary<AnswerKind, AnswerRateLimiter>
        {
            [AnswerKind.Model] = new(ai.Value.AnswersPerMemberPerHour, ai.Value.AnswersPerChatPerHour, time),
            [AnswerKind.Index] = new(market.Value.AnswersPerMemberPerHour, market.Value.AnswersPerChatPerHour, time),
            [AnswerKind.LinkCheck] = new(links.Value.ChecksPerMemberPerHour, links.Value.ChecksPerChatPerHour, time),
        };
    }

    /// <summary>
    /// Takes one answer of this kind from the asker's and the chat's allowance: null when it may go ahead,
    /// otherwise the one-line reply saying when the member can ask again.
    /// </summary>
    public ChatReply? Refuse(AnswerKind kind, Asker asker) => Refuse(kind, asker, ReplyTexts.English);

    /// <summary>As <see cref="Refuse(AnswerKind, Asker)"/>, the refusal in <paramref name="texts"/>' language.</summary>
    public ChatReply? Refuse(AnswerKind kind, Asker asker, ReplyTexts texts)
    {
        if (_limiters[kind].TryAcquire(asker) is not { } wait)
        {
            return null;
        }

        LogRateLimited(_logger, kind, asker.Platform, Math.Ceiling(wait.TotalSeconds));
        return ChatReply.Text(Refusal(wait, texts));
    }

    /// <summary>"You've asked a lot just now; try again in 45 s." (or "in 20 min" from two minutes on), rounded up.</summary>
    public static string Refusal(TimeSpan wait, ReplyTexts? texts = null)
    {
        texts ??= ReplyTexts.English;
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        var when = seconds < 120 ? texts.Format("Limits.Seconds", seconds) : texts.Format("Limits.Minutes", (seconds + 59) / 60);
        return texts.Format("Limits.Refusal", when);
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A {Platform} {Kind} answer was refused by the hourly limit; retry in {Seconds} s")]
    private static partial void LogRateLimited(ILogger logger, AnswerKind kind, ChatPlatform platform, double seconds);
}
