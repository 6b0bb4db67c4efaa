using CryptoDigest.Briefs;
using CryptoDigest.Chat;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Briefs;

/// <summary>The brief's fixed parts in a chat's language, offline: headings, labels and counts translated, the newsletters' words as they were.</summary>
public class BriefInLanguageTests
{
    private static readonly BriefContent Edition = new(
        new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero),
        "unused",
        [
            new BriefItem("Holders distribute", "Glassnode", new Uri("https://news.example.com/holders"), "Long-term holders sold 1.2% of supply.", ThemeClassifier.Markets,
                [new BriefMention("Coin Metrics", "Holders sell", new Uri("https://news.example.com/cm"))], default, true),
        ],
        false,
        true);

    [Fact]
    public void A_spanish_brief_offline_has_its_fixed_texts_in_spanish_and_says_the_summaries_are_in_the_original_language()
    {
        // Arrange: the prose as ChatBriefReplies assembles it offline for a Spanish chat.
        var texts = ReplyTexts.For("es");
        var content = Edition with { Prose = BriefComposer.OfflineProse(Edition.Items, texts) };

        // Act
        var text = PlainTextRenderer.Render(BriefReplyBuilder.ToReply(content, BriefPresentation.Standard with { Texts = texts } with { SummariesInOriginalLanguage = true }));

        // Assert
        Assert.Contains("Resumen diario, 23 de noviembre de 2026", text, StringComparison.Ordinal);
        Assert.Contains("1 noticia de 2 boletines.", text, StringComparison.Ordinal);
        Assert.Contains("Long-term holders sold 1.2% of supply. (Glassnode; también en Coin Metrics)", text, StringComparison.Ordinal);
        Assert.Contains("Los resúmenes están en el idioma original de los boletines.", text, StringComparison.Ordinal);
        Assert.Contains("Contenido de muestra", text, StringComparison.Ordinal);
        Assert.Contains("[muestra]", text, StringComparison.Ordinal);
        Assert.Contains("Mercados", text, StringComparison.Ordinal);
        Assert.Contains("No es asesoramiento financiero", text, StringComparison.Ordinal);
        Assert.Contains("https://news.example.com/holders", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Daily brief", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Not financial advice", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chat_whose_topics_leave_nothing_gets_one_honest_line_in_its_language()
    {
        Assert.True(TopicFilter.TryParse("+eth +solana", out var topics, out _));
        var presentation = new BriefPresentation(BriefLength.Standard, false, 4, topics, null) { Texts = ReplyTexts.For("es") };

        var text = PlainTextRenderer.Render(BriefReplyBuilder.ToReply(Edition with { Items = [], Prose = string.Empty }, presentation));

        Assert.Contains("Hoy no hay nada sobre ETH o SOL: 4 elementos quedaron filtrados por los temas de este chat (+eth +solana).", text, StringComparison.Ordinal);
    }

    [Fact]
    public void English_stays_as_it_was()
    {
        var text = PlainTextRenderer.Render(BriefReplyBuilder.ToReply(Edition with { Prose = BriefComposer.OfflineProse(Edition.Items) }));

        Assert.Contains("Daily brief, 23 November 2026", text, StringComparison.Ordinal);
        Assert.Contains("1 story from 2 newsletters.", text, StringComparison.Ordinal);
        Assert.Contains("(Glassnode; also in Coin Metrics)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("original language", text, StringComparison.Ordinal);
    }
}
