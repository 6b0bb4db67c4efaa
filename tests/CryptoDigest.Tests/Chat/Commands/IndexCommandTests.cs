using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Chat.Commands;

public class IndexCommandTests
{
    [Fact]
    public async Task Index_answers_end_with_a_not_financial_advice_note()
    {
        var reply = await TestServices.AskAsync("/index how often should an index rebalance");

        Assert.Contains(reply.Blocks, b => b.Text == KnowledgeReplyFormatter.NotFinancialAdvice);
        Assert.Contains(reply.Blocks, b => b.Text == KnowledgeReplyFormatter.Freshness);
    }
}
