using CryptoDigest.Knowledge;
using CryptoDigest.Orchestration;
using CryptoDigest.Replies;
using CryptoDigest.Security.LinkCheck;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Chat.Commands;

/// <summary>
/// /security: a question answered from the curated security knowledge (a link in it is checked first),
/// "check &lt;link&gt;" for the offline link check, and "scan on|off" to opt the chat in to link scanning.
/// Turning scanning on or off changes the chat, so those two uses need a chat admin; the rest are for everyone.
/// </summary>
public sealed class SecurityCommand(
    KnowledgeSearch search,
    LinkChecker checker,
    LinkFinder finder,
    LinkScanStore scans,
    AnswerLimits limits,
    IOptions<LinkCheckOptions> options) : IChatCommandHandler
{
    private const int MaxChecks = 5;

    public static ChatCommand Entry { get; } = new("security", "<question> | check <link> | scan on|off", "Crypto security: ask, check a link, or scan this chat's links (admins)", NeedsArgument: true)
    {
        Example = "/security how do I store bitcoin safely",
        AdminRule = new(
            argument => ChangesScanning(argument, out _),
            "Only this chat's admins can turn link scanning on or off. Anyone can check a link with /security check <link>."),
    };

    public ChatCommand Command => Entry;

    /// <summary>Whether a /security argument turns scanning on or off: the uses that need a chat admin.</summary>
    public static bool ChangesScanning(string argument, out bool on)
    {
        var words = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        on = words.Length == 2 && words[1].Equals("on", StringComparison.OrdinalIgnoreCase);
        return words.Length == 2 && words[0].Equals("scan", StringComparison.OrdinalIgnoreCase)
            && (on || words[1].Equals("off", StringComparison.OrdinalIgnoreCase));
    }

    public async Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var words = request.Argument.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var first = words.Length > 0 ? words[0].ToLowerInvariant() : string.Empty;
        var rest = words.Length > 1 ? words[1] : string.Empty;
        return first switch
        {
            "check" => Check(rest, new Asker(request.Platform, request.ChatId, request.UserId), request.Texts),
            "scan" => await ScanAsync(request, rest.ToLowerInvariant(), cancellationToken),
            _ => await AnswerAsync(request.Argument, request.Texts, cancellationToken),
        };
    }

    private ChatReply Check(string addresses, Asker asker, ReplyTexts texts)
    {
        var inputs = addresses.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Take(MaxChecks).ToList();
        if (inputs.Count == 0)
        {
            return ChatReply.Text(texts["Security.CheckUsage"]);
        }

        // One check command, up to five links, counts once against the member's and the chat's hourly allowance.
        return limits.Refuse(AnswerKind.LinkCheck, asker, texts)
            ?? LinkCheckReplies.Reply(inputs.Select(checker.Check), checker.OfficialDomains, texts);
    }

    /// <summary>The knowledge answer; links in the question get the check first, its closing rule last.</summary>
    private async Task<ChatReply> AnswerAsync(string question, ReplyTexts texts, CancellationToken cancellationToken)
    {
        var answer = KnowledgeReplyFormatter.Format(await search.AnswerAsync(question, cancellationToken, KnowledgeTopic.Security), texts);
        var links = finder.Find(question, 3);
        if (links.Count == 0)
        {
            return answer;
        }

        var checks = LinkCheckReplies.Reply(links.Select(checker.Check), checker.OfficialDomains, texts);
        return answer with { Blocks = [.. checks.Blocks.SkipLast(1), .. answer.Blocks, checks.Blocks[^1]] };
    }

    private async Task<ChatReply> ScanAsync(ChatRequest request, string setting, CancellationToken cancellationToken)
    {
        var platform = request.Platform;
        var texts = request.Texts;
        // Discord's channels share their members, so a server scans as a whole: the setting is kept under the guild.
        var chatId = platform == ChatPlatform.Discord ? request.ServerId : request.ChatId;
        if (chatId is null)
        {
            return ChatReply.Text(texts["Security.ServersOnly"]);
        }

        if (setting.Length == 0)
        {
            var current = await scans.FindAsync(platform, chatId, cancellationToken);
            return ChatReply.Text(current is { Enabled: true }
                ? texts.Format("Security.ScanIsOn", current.LinksChecked, current.MessagesScanned, current.LinksFlagged)
                : texts["Security.ScanIsOff"]);
        }

        if (setting is not ("on" or "off"))
        {
            return ChatReply.Text(texts["Security.ScanUsage"]);
        }

        // Only an admin gets here: the router applied this command's admin rule to "scan on|off".
        var on = setting == "on";
        await scans.SetAsync(platform, chatId, on, cancellationToken);
        if (!on)
        {
            return ChatReply.Text(texts["Security.ScanStopped"]);
        }

        var deletion = texts[options.Value.DeleteFlaggedMessages ? "Security.ScanDeletesKnownBad" : "Security.ScanNeverDeletes"];
        return ChatReply.Text(texts.Format("Security.ScanStarted", deletion));
    }
}
