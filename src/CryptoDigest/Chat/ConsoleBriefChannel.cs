using CryptoDigest.Briefs;
using CryptoDigest.Replies;

namespace CryptoDigest.Chat;

/// <summary>Delivers a console chat's daily brief to the terminal, so the embedded default shows the whole flow.</summary>
public sealed class ConsoleBriefChannel(TextWriter output) : IBriefChannel
{
    public ChatPlatform Platform => ChatPlatform.Console;

    public int CountParts(ChatReply brief) => 1;

    public async Task<BriefPartResult> SendPartAsync(string chatId, string? threadId, ChatReply brief, int index, string idempotencyKey, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"\n[daily brief]\n{PlainTextRenderer.Render(brief)}".AsMemory(), cancellationToken);
        await output.FlushAsync(cancellationToken);
        return BriefPartResult.Sent(idempotencyKey);
    }
}
