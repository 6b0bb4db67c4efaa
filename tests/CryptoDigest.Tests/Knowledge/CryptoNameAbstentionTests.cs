using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Knowledge;

/// <summary>
/// Abstention for crypto names that are also English words (wallets "Exodus" and "Phantom", chains "Near" and "Sui",
/// exchanges "Gemini" and "Trust Wallet"): the curated articles never mention them, so /ask and /security must say so
/// first, with the local model and by words alone, while the same words used as English still get their answer.
/// </summary>
public class CryptoNameAbstentionTests
{
    [Theory]
    [InlineData("is exodus a good wallet", "exodus", true)]
    [InlineData("is exodus a good wallet", "exodus", false)]
    [InlineData("is phantom safe for my coins", "phantom", true)]
    [InlineData("whats the outlook for near protocol", "near", true)]
    [InlineData("Is Near a good investment right now", "near", false)]
    [InlineData("is the trust wallet app safe", "trust", true)]
    [InlineData("sui vs near which chain is faster", "sui, near", true)]
    [InlineData("can gemini exchange freeze my account", "gemini", false)]
    public async Task A_crypto_name_that_is_an_english_word_and_that_no_article_mentions_is_said_to_be_uncovered(string question, string names, bool localModel)
    {
        var reply = await AnswerAsync(question, localModel);

        Assert.StartsWith($"The articles I answer from do not cover {names}", reply.Blocks[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("how does bitcoin stop ppl from cheating the ledger", "proof of work")]
    [InlineData("do you trust an exchange with your coins or self custody", "self-custody")]
    public async Task The_same_words_used_as_english_still_get_their_answer(string question, string fact)
    {
        var reply = await AnswerAsync(question, localModel: true);

        Assert.DoesNotContain("do not cover", reply.Blocks[0].Text, StringComparison.Ordinal);
        Assert.Contains(fact, string.Join("\n", reply.Blocks.Select(b => $"{b.Heading}\n{b.Text}")), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_exchange_an_article_names_in_passing_is_uncovered_when_the_chosen_articles_do_not_name_it(bool localModel)
    {
        var reply = await AnswerAsync("whats the word on the kraken ipo", localModel);

        Assert.StartsWith("The articles I answer from do not cover kraken", reply.Blocks[0].Text, StringComparison.Ordinal);
    }

    private static async Task<ChatReply> AnswerAsync(string question, bool localModel) =>
        KnowledgeReplyFormatter.Format(await MemberQuestionSetTests.Search(localModel).AnswerAsync(question, CancellationToken.None));
}
