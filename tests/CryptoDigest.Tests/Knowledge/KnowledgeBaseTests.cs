using CryptoDigest.Knowledge;

namespace CryptoDigest.Tests.Knowledge;

public class KnowledgeBaseTests
{
    private static readonly string[] ReferenceSources =
    [
        "Token Metrics, \"How to Survive (and Profit) During Crypto Bear Markets with Token Metrics Indices\"",
        "Token Metrics, \"Market Cap Weighting vs Equal Weight: Why Top 100 Indices Outperform in Volatile Markets\"",
        "Token Metrics, \"Is Bitcoin Safe? - Complete Analysis\"",
        "Token Metrics, \"Crypto Security and its Importance - A Complete Guide\"",
        "Token Metrics, \"Best Newsletters & Independent Analysts (2025)\"",
    ];

    [Fact]
    public void The_embedded_knowledge_covers_at_least_thirty_index_and_security_topics()
    {
        var passages = TestServices.Knowledge.Passages;

        var indexAndSecurity = passages.Where(p => p.Topic is KnowledgeTopic.Indices or KnowledgeTopic.Security).ToList();
        Assert.True(indexAndSecurity.Count >= 30, $"only {indexAndSecurity.Count} index and security passages");
        Assert.True(passages.Count(p => p.Topic == KnowledgeTopic.Indices) >= 15);
        Assert.True(passages.Count(p => p.Topic == KnowledgeTopic.Security) >= 15);
        Assert.Equal(passages.Count, passages.Select(p => p.Title).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Every_passage_names_one_of_the_reference_sources_and_has_keywords()
    {
        Assert.All(TestServices.Knowledge.Passages, p =>
        {
            Assert.Contains(p.Source, ReferenceSources);
            Assert.NotEmpty(p.Keywords);
            Assert.InRange(p.Body.Length, 100, 2000);
        });
    }

    [Theory]
    [InlineData("how do I store bitcoin safely", KnowledgeTopic.Security, "wallet")]
    [InlineData("should I use SMS for 2FA", KnowledgeTopic.Security, "two-factor")]
    [InlineData("what happened at Mt. Gox", KnowledgeTopic.Security, "hack")]
    [InlineData("what is the CCSS", KnowledgeTopic.Security, "ccss")]
    [InlineData("someone DMed me asking for my seed phrase", KnowledgeTopic.Security, "seed")]
    [InlineData("why market cap weighting", KnowledgeTopic.Indices, "market")]
    [InlineData("is equal weight better than market cap", KnowledgeTopic.Indices, "equal")]
    [InlineData("how often should an index rebalance", KnowledgeTopic.Indices, "rebalanc")]
    [InlineData("how bad was the 2022 bear market drawdown", KnowledgeTopic.Indices, "bear")]
    [InlineData("which newsletter should I read for weekly on-chain analysis", KnowledgeTopic.Newsletters, "glassnode")]
    public void Real_questions_find_a_passage_on_their_subject(string question, KnowledgeTopic topic, string expectedInTitleOrKeywords)
    {
        var best = TestServices.Knowledge.Search(question, 1, topic);

        var passage = Assert.Single(best).Passage;
        var haystack = (passage.Title + " " + string.Join(' ', passage.Keywords)).ToLowerInvariant();
        Assert.Contains(expectedInTitleOrKeywords, haystack, StringComparison.Ordinal);
    }

    [Fact]
    public void A_question_of_stop_words_finds_nothing()
    {
        Assert.Empty(TestServices.Knowledge.Search("what is the", 3));
    }
}
