using CryptoDigest.Chat;

namespace CryptoDigest.Tests.Chat.Commands;

public class StartCommandTests
{
    [Fact]
    public async Task Start_greets_and_lists_the_commands()
    {
        var text = PlainTextRenderer.Render(await TestServices.AskAsync("/start"));

        Assert.Contains("CryptoDigest", text, StringComparison.Ordinal);
        Assert.Contains("/security <question>", text, StringComparison.Ordinal);
    }
}
