using CryptoDigest.Knowledge;

namespace CryptoDigest.Tests.Knowledge;

public class KnowledgeTextParserTests
{
    [Fact]
    public void Passages_are_read_with_their_source_keywords_and_body()
    {
        const string text = """
            # Title ignored

            ## Hot and cold wallets
            Source: Somewhere, "A guide"
            Keywords: hot wallet, cold storage

            First paragraph.

            Second paragraph.
            ## Next
            Source: Else
            Keywords: a

            Body.
            """;

        var passages = KnowledgeTextParser.Parse(KnowledgeTopic.Security, text, "security.md");

        Assert.Equal(2, passages.Count);
        Assert.Equal("Hot and cold wallets", passages[0].Title);
        Assert.Equal("Somewhere, \"A guide\"", passages[0].Source);
        Assert.Equal(["hot wallet", "cold storage"], passages[0].Keywords);
        Assert.Equal("First paragraph.\n\nSecond paragraph.", passages[0].Body);
        Assert.Equal("Body.", passages[1].Body);
    }

    [Fact]
    public void A_passage_without_a_source_line_is_a_clear_error()
    {
        var error = Assert.Throws<FormatException>(() =>
            KnowledgeTextParser.Parse(KnowledgeTopic.Indices, "## Lonely\nKeywords: x\n\nBody", "indices.md"));

        Assert.Contains("indices.md:1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Source:", error.Message, StringComparison.Ordinal);
    }
}
