using CryptoDigest.Chat;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Chat;

/// <summary>
/// /status, /sources, /search and the knowledge base's own lines in Spanish, through the real router on the test
/// database: the texts come from ReplyTexts.es.resx, the figures and names stay as code and the sources write them.
/// </summary>
public class SpanishRepliesTests
{
    [Fact]
    public async Task Status_of_a_spanish_chat_is_in_spanish()
    {
        // Arrange: an admin subscribes the console chat and sets it to Spanish.
        await TestServices.AskAsync(Request("es-status", "/subscribe 08:00 UTC"));
        await TestServices.AskAsync(Request("es-status", "/settings language es"));

        // Act: an English-speaking admin asks; the chat's language wins.
        var reply = await TestServices.AskAsync(Request("es-status", "/status", locale: "en"));

        // Assert: the chat's block (an operator's extra view below it stays English).
        var chat = reply.Blocks[0];
        Assert.Equal("Este chat", chat.Heading);
        Assert.Equal("Resumen diario a las 08:00 UTC (todos los boletines).\nAún no hay entregas.", chat.Text);
    }

    [Fact]
    public async Task Status_without_a_brief_is_in_the_senders_language()
    {
        var reply = await TestServices.AskAsync(Request("es-status-none", "/status", locale: "es-ES"));

        Assert.StartsWith("Aquí no hay resumen diario, así que no se ha entregado nada.", reply.Blocks[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_listing_is_in_spanish_with_the_names_and_descriptions_as_configured()
    {
        var reply = await TestServices.AskAsync(Request("es-sources", "/sources", locale: "es"));

        var block = Assert.Single(reply.Blocks);
        Assert.Equal("Fuentes de boletines", block.Heading);
        Assert.Contains("• Lyn Alden - Macro. Aún no se ha descargado.", block.Text, StringComparison.Ordinal);
        Assert.Contains("• Delphi Digital - Thematic research. Sin feed público, así que no se descarga.", block.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_edit_usage_is_in_the_editors_language()
    {
        // A listed source editor (Feeds:SourceEditors), not a chat admin, whose Telegram is in Spanish, in a chat without a brief.
        var request = ChatRequest.FromText(ChatPlatform.Telegram, "-100424242", "4242", false, ChatCommandParser.Parse("/sources add", "CryptoDigestBot")) with { MemberLocale = "es" };

        var reply = await TestServices.AskAsync(request);

        Assert.Equal("Uso: /sources add <URL del feed o del sitio>", reply.ToString());
    }

    [Fact]
    public async Task Search_reason_and_usage_are_in_spanish_with_the_numbers_as_code_writes_them()
    {
        var reply = (await TestServices.AskAsync(Request("es-search", "/search etf flows days:9999", locale: "es"))).ToString();

        Assert.Equal(
            "days: admite un número entero de 1 a 365 (el archivo guarda 365 días). Uso: /search <palabras> [source:<nombre>] [days:<n>], p. ej. /search exchange balances source:glassnode days:30",
            reply);
    }

    [Fact]
    public async Task Search_that_finds_nothing_says_so_in_spanish()
    {
        var reply = (await TestServices.AskAsync(Request("es-search-none", "/search zzqqxxyy days:30", locale: "es"))).ToString();

        Assert.Equal("No se encontró nada sobre \"zzqqxxyy\" en los últimos 30 días.", reply);
    }

    [Fact]
    public async Task Knowledge_answer_caveats_are_in_spanish()
    {
        var reply = await TestServices.AskAsync(Request("es-security", "/security what is a seed phrase", locale: "es"));

        Assert.Contains(reply.Blocks, b => b.Text == ReplyTexts.For("es")["Knowledge.Freshness"]);
        Assert.Contains(reply.Blocks, b => b.Text.StartsWith("Nunca compartas tu frase semilla", StringComparison.Ordinal));
        Assert.DoesNotContain(reply.Blocks, b => b.Text == KnowledgeReplyFormatter.Freshness);
    }

    [Fact]
    public async Task A_bad_topics_value_gets_the_usage_in_spanish_with_the_keywords_as_typed()
    {
        await TestServices.AskAsync(Request("es-topics", "/subscribe 08:00 UTC"));
        await TestServices.AskAsync(Request("es-topics", "/settings language es"));

        var reply = PlainTextRenderer.Render(await TestServices.AskAsync(Request("es-topics", "/settings topics eth")));

        Assert.Contains("/settings topics +término para incluir, -término para excluir, p. ej. +eth +defi -nft", reply, StringComparison.Ordinal);
    }

    private static ChatRequest Request(string chatId, string text, string? locale = null, bool admin = true) =>
        ChatRequest.FromText(ChatPlatform.Console, chatId, "user-1", admin, ChatCommandParser.Parse(text, "CryptoDigestBot")) with { MemberLocale = locale };
}
