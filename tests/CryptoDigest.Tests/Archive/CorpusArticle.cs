namespace CryptoDigest.Tests.Archive;

/// <summary>One newsletter issue of a test corpus: its id, newsletter, title, clean text (paragraphs on lines of their own) and age in days.</summary>
public sealed record CorpusArticle(long Id, string Source, string Title, string Text, int DaysAgo);
