using System.ComponentModel;
using CryptoDigest.Knowledge;
using Microsoft.SemanticKernel;

namespace CryptoDigest.Orchestration;

/// <summary>
/// Kernel functions about the crypto newsletters the bot follows. Read-only. Briefs and
/// article summaries join this plugin when ingestion and summaries exist.
/// </summary>
public sealed class NewslettersPlugin(KnowledgeSearch search)
{
    public const string PluginName = "Newsletters";
    public const string SearchFunction = "search_newsletter_knowledge";

    [KernelFunction(SearchFunction)]
    [Description("Finds curated passages about crypto newsletters and independent analysts (what each covers, what it is best for, cadence and price), each with its source. Read-only.")]
    public KnowledgeAnswer SearchNewsletterKnowledge(
        [Description("The member's question about crypto newsletters, in their own words")] string question) =>
        search.Answer(question, KnowledgeTopic.Newsletters);

    public const string SearchAllFunction = "search_all_knowledge";

    [KernelFunction(SearchAllFunction)]
    [Description("Finds the best curated passages for any question across indices, security and newsletters, each with its source. Read-only.")]
    public KnowledgeAnswer SearchAllKnowledge(
        [Description("The member's question, in their own words")] string question) =>
        search.Answer(question);
}
