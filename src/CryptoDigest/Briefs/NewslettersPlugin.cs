using System.ComponentModel;
using CryptoDigest.Knowledge;
using CryptoDigest.Summaries;
using Microsoft.SemanticKernel;

namespace CryptoDigest.Briefs;

/// <summary>
/// Kernel functions about the crypto newsletters the bot follows: the latest edition, recent
/// summaries and curated knowledge about the newsletters themselves. All read-only.
/// </summary>
public sealed class NewslettersPlugin(KnowledgeSearch search, BriefComposer briefs, DigestReader digests)
{
    public const string PluginName = "Newsletters";
    public const string SearchFunction = "search_newsletter_knowledge";
    public const string SearchAllFunction = "search_all_knowledge";
    public const string LatestBriefFunction = "get_latest_brief";
    public const string RecentSummariesFunction = "get_recent_summaries";

    [KernelFunction(SearchFunction)]
    [Description("Finds curated passages about crypto newsletters and independent analysts (what each covers, what it is best for, cadence and price), each with its source. Read-only.")]
    public KnowledgeAnswer SearchNewsletterKnowledge(
        [Description("The member's question about crypto newsletters, in their own words")] string question) =>
        search.Answer(question, KnowledgeTopic.Newsletters);

    [KernelFunction(SearchAllFunction)]
    [Description("Finds the best curated passages for any question across indices, security and newsletters, each with its source. Read-only.")]
    public KnowledgeAnswer SearchAllKnowledge(
        [Description("The member's question, in their own words")] string question) =>
        search.Answer(question);

    [KernelFunction(LatestBriefFunction)]
    [Description("Returns the latest daily brief of the crypto newsletters: its time window, prose and every item with newsletter, title, link, summary and publication time; null when none has been composed yet. Read-only.")]
    public async Task<BriefContent?> GetLatestBriefAsync(CancellationToken cancellationToken) =>
        (await briefs.LatestAsync(cancellationToken))?.Content;

    [KernelFunction(RecentSummariesFunction)]
    [Description("Returns summaries of the most recent newsletter issues, newest first, each with newsletter, title, link and publication time; optionally of one newsletter by name. Null when no newsletter has that name. Read-only.")]
    public Task<IReadOnlyList<DigestEntry>?> GetRecentSummariesAsync(
        [Description("A newsletter name such as Glassnode or Bankless, or empty for all")] string? source = null,
        CancellationToken cancellationToken = default) =>
        digests.LatestAsync(source, DigestReader.DefaultCount, cancellationToken);
}
