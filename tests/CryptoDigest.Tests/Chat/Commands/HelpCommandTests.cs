using CryptoDigest.Chat;

namespace CryptoDigest.Tests.Chat.Commands;

public class HelpCommandTests
{
    [Fact]
    public async Task Help_lists_every_command_with_its_usage()
    {
        var reply = await TestServices.AskAsync("/help");

        var text = PlainTextRenderer.Render(reply);
        foreach (var command in ChatCommands.All)
        {
            Assert.Contains(command.Usage, text, StringComparison.Ordinal);
        }
    }
}
