namespace CryptoDigest.Feeds;

/// <summary>
/// Something that keeps its own index of the stored articles in step with them (the newsletter
/// archive): <see cref="FeedIngestor"/> calls each one after every ingestion run, so new and edited
/// articles are indexed by the same job that stored them. Feeds knows only this seam, never the index.
/// </summary>
public interface IArticleIndexer
{
    /// <summary>Indexes what changed among the stored articles since the last call; cheap when nothing did.</summary>
    Task IndexStoredArticlesAsync(CancellationToken cancellationToken);
}
