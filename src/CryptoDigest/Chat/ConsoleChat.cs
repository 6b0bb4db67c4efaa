using CryptoDigest.Replies;

namespace CryptoDigest.Chat;

/// <summary>
/// The console adapter: reads one message per line, answers through the same router the
/// platforms use, and ends at end of input. The local user owns the console, so they are
/// treated as the chat's admin.
/// </summary>
public sealed class ConsoleChat(ChatRouter router)
{
    public const string ChatId = "console";

    public async Task RunAsync(TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync("CryptoDigest console chat. Type /help for the commands; an empty line or Ctrl+D quits.");
        while (!cancellationToken.IsCancellationRequested)
        {
            await output.WriteAsync("> ");
            await output.FlushAsync(cancellationToken);
            var line = await input.ReadLineAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(line))
            {
                break;
            }

            var reply = await AnswerAsync(line, cancellationToken);
            await output.WriteLineAsync(PlainTextRenderer.Render(reply));
        }
    }

    /// <summary>Answers one line of text, as the `ask` verb and the chat loop do.</summary>
    public Task<ChatReply> AnswerAsync(string text, CancellationToken cancellationToken)
    {
        // Whoever types here runs the bot, so they may also edit the shared sources (docs/source-editors.md).
        var request = ChatRequest.FromText(ChatPlatform.Console, ChatId, Environment.UserName, isChatAdmin: true, ChatCommandParser.Parse(text)) with { IsOperator = true };
        return router.HandleAsync(request, cancellationToken);
    }
}
