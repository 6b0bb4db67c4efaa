using CryptoDigest.Chat;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Chat;

/// <summary>
/// /security's own lines in Spanish through the real router: the usage, the verdict's framing and the hard rule come
/// from ReplyTexts.es.resx, while the domain checked stays exactly as written.
/// </summary>
public class SpanishSecurityRepliesTests
{
    [Fact]
    public async Task Security_check_of_an_official_domain_is_framed_in_spanish()
    {
        var reply = await TestServices.AskAsync(Request("es-security-check", "/security check binance.com"));

        var texts = ReplyTexts.For("es");
        Assert.Equal("Revisión del enlace: binance.com", reply.Blocks[0].Heading);
        Assert.StartsWith("Veredicto: parece seguro\n", reply.Blocks[0].Text, StringComparison.Ordinal);
        Assert.Equal(texts["LinkCheck.HardRule"], reply.Blocks[^1].Text);
        Assert.NotEqual(ReplyTexts.English["LinkCheck.HardRule"], reply.Blocks[^1].Text);
    }

    [Fact]
    public async Task Security_check_of_a_lookalike_gives_its_reasons_in_spanish()
    {
        var reply = await TestServices.AskAsync(Request("es-security-reason", "/security check https://binance-support.example.com/airdrop"));

        var text = reply.Blocks[0].Text;
        Assert.StartsWith("Veredicto: sospechoso\n- Mete el nombre 'binance' junto a la palabra cebo 'support' dentro del dominio de otro, example[.]com.", text, StringComparison.Ordinal);
        Assert.Contains("Los dominios oficiales de Binance son binance.com", text, StringComparison.Ordinal);
        Assert.DoesNotContain("inside someone else's domain", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Security_check_without_a_link_gets_the_spanish_usage()
    {
        var reply = (await TestServices.AskAsync(Request("es-security-usage", "/security check"))).ToString();

        Assert.Equal(ReplyTexts.For("es")["Security.CheckUsage"], reply);
        Assert.StartsWith("Uso: /security check <enlace o dominio>", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Security_scan_state_is_in_spanish()
    {
        var reply = (await TestServices.AskAsync(Request("es-security-scan", "/security scan"))).ToString();

        Assert.StartsWith("El escaneo de enlaces está desactivado aquí.", reply, StringComparison.Ordinal);
    }

    private static ChatRequest Request(string chatId, string text) =>
        ChatRequest.FromText(ChatPlatform.Console, chatId, "user-1", true, ChatCommandParser.Parse(text, "CryptoDigestBot")) with { MemberLocale = "es" };
}
