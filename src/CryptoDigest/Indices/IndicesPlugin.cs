using System.ComponentModel;
using CryptoDigest.Knowledge;
using Microsoft.SemanticKernel;

namespace CryptoDigest.Indices;

/// <summary>Kernel functions about crypto indices: weighting, rebalancing, bear markets. Read-only.</summary>
public sealed class IndicesPlugin(KnowledgeSearch search)
{
    public const string PluginName = "Indices";
    public const string SearchFunction = "search_index_knowledge";

    [KernelFunction(SearchFunction)]
    [Description("Finds curated passages about crypto indices (market-cap versus equal weighting, top-100 indices, rebalancing, drawdowns and bear markets), each with its source. Read-only.")]
    public KnowledgeAnswer SearchIndexKnowledge(
        [Description("The member's question about crypto indices, in their own words")] string question) =>
        search.Answer(question, KnowledgeTopic.Indices);
}
