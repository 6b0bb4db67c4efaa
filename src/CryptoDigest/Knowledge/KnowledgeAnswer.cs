namespace CryptoDigest.Knowledge;

/// <summary>
/// What a knowledge function returns: the passages found for a question, each with its
/// source. A model receives it as JSON; the offline router renders it directly.
/// </summary>
public sealed record KnowledgeAnswer(string Question, IReadOnlyList<AnswerPassage> Passages);

/// <summary>One passage of an answer, with the name of the source it is drawn from.</summary>
public sealed record AnswerPassage(KnowledgeTopic Topic, string Title, string Text, string Source, double Score);
