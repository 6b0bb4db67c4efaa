namespace CryptoDigest.Knowledge;

/// <summary>One passage of an answer, with the name of the source it is drawn from.</summary>
public sealed record AnswerPassage(KnowledgeTopic Topic, string Title, string Text, string Source, double Score);
