using System.ComponentModel;
using CryptoDigest.Knowledge;
using Microsoft.SemanticKernel;

namespace CryptoDigest.Security;

/// <summary>Kernel functions about keeping crypto safe: wallets, 2FA, phishing, exchange hacks. Read-only.</summary>
public sealed class SecurityPlugin(KnowledgeSearch search)
{
    public const string PluginName = "Security";
    public const string SearchFunction = "search_security_knowledge";

    [KernelFunction(SearchFunction)]
    [Description("Finds curated passages about crypto security (wallets, seed phrases, 2FA, phishing, exchange hacks, custody standards, whether Bitcoin is safe), each with its source. Read-only.")]
    public KnowledgeAnswer SearchSecurityKnowledge(
        [Description("The member's question about crypto security, in their own words")] string question) =>
        search.Answer(question, KnowledgeTopic.Security);
}
