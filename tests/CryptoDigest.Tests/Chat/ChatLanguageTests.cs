using CryptoDigest.Chat;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Chat;

/// <summary>
/// The reply's language: the chat's brief language when it has a brief, else the sender's platform language
/// when shipped, else English; through the real router on the test database.
/// </summary>
public class ChatLanguageTests
{
    [Fact]
    public async Task Help_in_a_chat_without_a_brief_is_in_the_senders_language_when_shipped()
    {
        var reply = await TestServices.AskAsync(Request("lang-help", "/help", locale: "es-ES"));

        var help = Assert.Single(reply.Blocks);
        Assert.Equal("Comandos", help.Heading);
        Assert.Contains("/ask <pregunta> - Pregunta lo que quieras sobre índices, seguridad o boletines", help.Text, StringComparison.Ordinal);
        Assert.Contains("/settings [ajuste valor] - ", help.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de")]
    [InlineData(null)]
    public async Task A_language_we_do_not_ship_gets_english(string? locale)
    {
        var reply = await TestServices.AskAsync(Request("lang-other", "/help", locale: locale));

        Assert.Equal("Commands", Assert.Single(reply.Blocks).Heading);
    }

    [Fact]
    public async Task A_refusal_and_a_usage_line_are_in_the_senders_language()
    {
        var refusal = PlainTextRenderer.Render(await TestServices.AskAsync(Request("lang-refusal", "/subscribe 08:00 UTC", locale: "pt-br", admin: false)));
        var usage = PlainTextRenderer.Render(await TestServices.AskAsync(Request("lang-refusal", "/ask", locale: "ru")));
        var unknown = PlainTextRenderer.Render(await TestServices.AskAsync(Request("lang-refusal", "/nonsense", locale: "tr")));

        Assert.StartsWith("Só os administradores deste chat podem usar /subscribe aqui", refusal, StringComparison.Ordinal);
        Assert.StartsWith("Использование: /ask <вопрос> (например, /ask безопасно ли держать биткоин на бирже?)", usage, StringComparison.Ordinal);
        Assert.StartsWith("/nonsense komutunu bilmiyorum.", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chat_set_to_spanish_answers_in_spanish_whatever_the_senders_language()
    {
        // Arrange: an admin subscribes the console chat and sets it to Spanish.
        await TestServices.AskAsync(Request("lang-console", "/subscribe 08:00 UTC"));
        var changed = PlainTextRenderer.Render(await TestServices.AskAsync(Request("lang-console", "/settings language es")));

        // Act: an English-speaking member asks for /help and /settings.
        var help = await TestServices.AskAsync(Request("lang-console", "/help", locale: "en"));
        var settings = PlainTextRenderer.Render(await TestServices.AskAsync(Request("lang-console", "/settings", locale: "en")));
        var refused = PlainTextRenderer.Render(await TestServices.AskAsync(Request("lang-console", "/settings length headlines", locale: "en", admin: false)));

        // Assert
        Assert.StartsWith("Se cambió language a Español.", changed, StringComparison.Ordinal);
        Assert.Equal("Comandos", help.Blocks[0].Heading);
        Assert.Contains("idioma (language): Español (es)", settings, StringComparison.Ordinal);
        Assert.Contains("extensión (length): estándar", settings, StringComparison.Ordinal);
        Assert.StartsWith("Solo los administradores de este chat pueden cambiar los ajustes", refused, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_buttons_are_labelled_in_the_chats_language_with_payloads_as_typed()
    {
        var settings = CryptoDigest.Briefs.BriefSettings.Read("es", "", "standard", "weekly fri", market: false);

        var buttons = CryptoDigest.Chat.Commands.SettingsCommand.Buttons("-100", settings).SelectMany(row => row).ToList();

        Assert.Contains(buttons, b => b.Label == "• semanal, viernes" && b.Payload.EndsWith("|cadence|weekly fri", StringComparison.Ordinal));
        Assert.Contains(buttons, b => b.Label == "• mercado no" && b.Payload.EndsWith("|market|off", StringComparison.Ordinal));
        Assert.Contains(buttons, b => b.Label == "• Español");
    }

    private static ChatRequest Request(string chatId, string text, string? locale = null, bool admin = true) =>
        ChatRequest.FromText(ChatPlatform.Console, chatId, "user-1", admin, ChatCommandParser.Parse(text, "CryptoDigestBot")) with { MemberLocale = locale };
}
