namespace CryptoDigest.Orchestration;

/// <summary>The kinds of answer that cost enough to be limited per member and per chat (docs/model-limits.md).</summary>
public enum AnswerKind
{
    /// <summary>An answer the model writes (AI:AnswersPerMemberPerHour, AI:AnswersPerChatPerHour).</summary>
    Model,

    /// <summary>A computed index figure: market data fetched and a backtest run (Market:AnswersPerMemberPerHour, Market:AnswersPerChatPerHour).</summary>
    Index,

    /// <summary>A /security check of up to five links (LinkCheck:ChecksPerMemberPerHour, LinkCheck:ChecksPerChatPerHour).</summary>
    LinkCheck,
}
