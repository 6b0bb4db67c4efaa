using CryptoDigest.Briefs;
using CryptoDigest.Operations;
using CryptoDigest.Orchestration;
using CryptoDigest.Replies;
using CryptoDigest.Storage;

namespace CryptoDigest.Tests.Replies;

/// <summary>
/// The English constants code and tests still name (a model answer's fallback lines, the knowledge base's caveats)
/// say what ReplyTexts.resx says, so an English reply reads the same as before the texts moved into the resources;
/// and the same texts in Spanish, with the figures as code writes them.
/// </summary>
public class ReplyTextsInEnglishTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;

    [Fact]
    public void English_resources_say_what_the_constants_say()
    {
        var english = ReplyTexts.English;

        Assert.Equal(ModelAnswerer.ModelUnavailable, english["Model.Unavailable"]);
        Assert.Equal(ModelAnswerer.BudgetSpent, english["Model.BudgetSpent"]);
        Assert.Equal(ModelAnswerer.GeneralKnowledge, english["Model.GeneralKnowledge"]);
        Assert.Equal(ArchiveModelAnswerer.ModelUnavailable, english["ArchiveModel.Unavailable"]);
        Assert.Equal(ArchiveModelAnswerer.BudgetSpent, english["ArchiveModel.BudgetSpent"]);
        Assert.Equal(ArchiveModelAnswerer.Removed, english["ArchiveModel.Removed"]);
        Assert.Equal(ArchiveModelAnswerer.Uncited, english["ArchiveModel.Uncited"]);
        Assert.Equal(KnowledgeReplyFormatter.Freshness, english["Knowledge.Freshness"]);
        Assert.Equal(KnowledgeReplyFormatter.SeedPhraseWarning, english["Knowledge.SeedPhrase"]);
        Assert.Equal(KnowledgeReplyFormatter.NotFinancialAdvice, english["Brief.NotFinancialAdvice"]);
        Assert.Equal(KnowledgeReplyFormatter.Related, english["Archive.Related"]);
        Assert.Equal(TopicFilter.Usage, english["Topics.Usage"]);
    }

    [Fact]
    public void A_model_answer_that_fell_back_is_recognised_in_its_language()
    {
        var spanish = ReplyTexts.For("es");
        var fellBack = new ChatReply([new ReplyBlock(null, spanish["Model.BudgetSpent"]), new ReplyBlock("t", "x")]);

        Assert.True(ModelAnswerer.FellBackToKnowledgeBase(fellBack, spanish));
        Assert.False(ModelAnswerer.FellBackToKnowledgeBase(ChatReply.Text("Una respuesta del modelo."), spanish));
    }

    [Fact]
    public void Delivery_words_are_in_spanish_with_the_times_as_code_writes_them()
    {
        var spanish = ReplyTexts.For("es");
        var sent = new Delivery { Status = DeliveryStatus.Sent, SentAt = new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero) };
        var gone = new Delivery { Status = DeliveryStatus.Failed, Reason = DeliveryReason.ChatGone, LastError = "Forbidden: bot was kicked from the group chat" };
        var waiting = new Delivery { Status = DeliveryStatus.Pending, Attempts = 2, Reason = DeliveryReason.PlatformError };

        Assert.Equal("enviado a las 08:00", DeliveryWording.Describe(sent, ChatPlatform.Telegram, Utc, 5, texts: spanish));
        Assert.Equal("fallido: el bot fue expulsado del chat", DeliveryWording.Describe(gone, ChatPlatform.Telegram, Utc, 5, texts: spanish));
        Assert.Equal("en espera: reintento 2 de 4 tras un error de Discord", DeliveryWording.Describe(waiting, ChatPlatform.Discord, Utc, 5, texts: spanish));
    }

    [Theory]
    [InlineData("en", 45, "You've asked a lot just now; try again in 45 s.")]
    [InlineData("es", 1200, "Has preguntado mucho en poco tiempo; vuelve a intentarlo en 20 min.")]
    [InlineData("zh-Hans", 45, "你刚才问得太多了；请在 45 秒后再试。")]
    public void The_hourly_limit_refusal_is_in_the_chats_language(string language, int seconds, string expected) =>
        Assert.Equal(expected, AnswerLimits.Refusal(TimeSpan.FromSeconds(seconds), ReplyTexts.For(language)));
}
