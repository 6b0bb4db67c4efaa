using CryptoDigest.Replies;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Security.LinkCheck;

/// <summary>
/// The link parts of /security: "/security check &lt;link&gt;", "/security scan on|off" (chat admins),
/// and questions that contain a link, which get the check first and then the knowledge answer.
/// Plain calls from the router, never kernel functions: turning scanning on changes state.
/// </summary>
public sealed class LinkCheckCommands(LinkChecker checker, LinkFinder finder, LinkScanStore scans, IOptions<LinkCheckOptions> options)
{
    public const string CheckUsage = "/security check <link or domain>";
    public const string ScanAdminsOnly = "Only this chat's admins can turn link scanning on or off. Anyone can check a link with /security check <link>.";
    private const int MaxChecks = 5;

    /// <summary>Whether a /security argument turns scanning on or off (adapters check admin rights for it).</summary>
    public static bool ChangesScanning(string argument, out bool on)
    {
        var words = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        on = words.Length == 2 && words[1].Equals("on", StringComparison.OrdinalIgnoreCase);
        return words.Length == 2 && words[0].Equals("scan", StringComparison.OrdinalIgnoreCase)
            && (on || words[1].Equals("off", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Answers "/security &lt;argument&gt;" sent in a chat; <paramref name="answerQuestion"/> gives the knowledge answer.</summary>
    public async Task<ChatReply> HandleAsync(ChatPlatform platform, string chatId, bool isChatAdmin, string argument, Func<CancellationToken, Task<ChatReply>> answerQuestion, CancellationToken cancellationToken)
    {
        var words = argument.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var first = words.Length > 0 ? words[0].ToLowerInvariant() : string.Empty;
        var rest = words.Length > 1 ? words[1] : string.Empty;
        if (first == "check")
        {
            var inputs = rest.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Take(MaxChecks).ToList();
            return inputs.Count == 0
                ? ChatReply.Text($"Usage: {CheckUsage} (e.g. /security check binance.com). I only read the address; I never open it.")
                : LinkCheckReplies.Reply(inputs.Select(checker.Check), checker.OfficialDomains);
        }

        if (first == "scan")
        {
            return await ScanAsync(platform, chatId, isChatAdmin, rest.ToLowerInvariant(), cancellationToken);
        }

        var links = finder.Find(argument, 3);
        var answer = await answerQuestion(cancellationToken);
        if (links.Count == 0)
        {
            return answer;
        }

        var checks = LinkCheckReplies.Reply(links.Select(checker.Check), checker.OfficialDomains);
        return answer with { Blocks = [.. checks.Blocks.SkipLast(1), .. answer.Blocks, checks.Blocks[^1]] };
    }

    private async Task<ChatReply> ScanAsync(ChatPlatform platform, string chatId, bool isChatAdmin, string setting, CancellationToken cancellationToken)
    {
        if (platform == ChatPlatform.Discord)
        {
            // Members' messages reach a bot only through Discord's gateway, which this bot does not connect to.
            return ChatReply.Text("Link scanning is not available on Discord yet: I only receive slash commands here, not members' messages. Anyone can check a link with /security check <link>.");
        }

        if (setting.Length == 0)
        {
            var current = await scans.FindAsync(platform, chatId, cancellationToken);
            return ChatReply.Text(current is { Enabled: true }
                ? $"Link scanning is on here: {current.LinksChecked} link(s) checked in {current.MessagesScanned} message(s), {current.LinksFlagged} flagged. A chat admin can stop it with /security scan off."
                : "Link scanning is off here. A chat admin can turn it on with /security scan on: I then check the links members post and reply when one looks like a trap.");
        }

        if (setting is not ("on" or "off"))
        {
            return ChatReply.Text("Usage: /security scan on|off (chat admins), or /security scan to see the setting.");
        }

        if (!isChatAdmin)
        {
            return ChatReply.Text(ScanAdminsOnly);
        }

        var on = setting == "on";
        await scans.SetAsync(platform, chatId, on, cancellationToken);
        if (!on)
        {
            return ChatReply.Text("Link scanning is off here. /security scan on starts it again; /security check <link> always works.");
        }

        var deletion = options.Value.DeleteFlaggedMessages
            ? "This bot's operator allows me to delete messages with links on a known phishing list, when I have the right to; everything else only gets a reply."
            : "I never delete messages: I only reply, so an admin decides.";
        return ChatReply.Text(
            "Link scanning is on here. When a member posts a link, I check its address (without opening it) and reply only when it looks suspicious or is on a phishing list, saying why. "
            + deletion + " I keep only counters, never the messages or links. /security scan off stops it.");
    }
}
