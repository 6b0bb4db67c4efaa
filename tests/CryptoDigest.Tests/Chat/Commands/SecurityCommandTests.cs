using CryptoDigest.Chat;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Chat.Commands;

public class SecurityCommandTests
{
    [Fact]
    public async Task Security_answers_warn_against_sharing_seed_phrases()
    {
        var reply = await TestServices.AskAsync("/security what is a hardware wallet");

        Assert.Contains(reply.Blocks, b => b.Text == KnowledgeReplyFormatter.SeedPhraseWarning);
    }

    [Fact]
    public async Task A_question_with_no_matching_knowledge_says_so()
    {
        var reply = await TestServices.AskAsync("/security zzzqqq xxyyzz");

        Assert.StartsWith("The articles I answer from do not cover", Assert.Single(reply.Blocks).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Security_check_answers_with_the_verdict_and_reasons()
    {
        var reply = (await TestServices.AskAsync("/security check https://coinbase-wallet-support.com/verify")).ToString();

        Assert.Contains("Verdict: suspicious", reply, StringComparison.Ordinal);
        Assert.Contains("coinbase.com", reply, StringComparison.Ordinal);
        Assert.Contains("never ask for seed phrases", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Security_check_without_an_address_gets_the_usage()
    {
        var reply = (await TestServices.AskAsync("/security check")).ToString();

        Assert.StartsWith("Usage: /security check <link or domain>", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_security_question_with_a_link_gets_the_check_first_then_the_answer()
    {
        var reply = await TestServices.AskAsync("/security is metamask-restore.com safe for my wallet seed phrase?");

        Assert.StartsWith("Link check: metamask-restore[.]com", reply.Blocks[0].Heading, StringComparison.Ordinal);
        Assert.True(reply.Blocks.Count > 2);
        Assert.Contains("never ask for seed phrases", reply.Blocks[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_security_question_without_a_link_is_answered_as_before()
    {
        var reply = (await TestServices.AskAsync("/security how do I store bitcoin safely")).ToString();

        Assert.DoesNotContain("Link check", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_admins_turn_scanning_on()
    {
        var refused = (await TestServices.AskAsync("/security scan on", isAdmin: false)).ToString();
        var status = (await TestServices.AskAsync("/security scan")).ToString();

        Assert.StartsWith("Only this chat's admins", refused, StringComparison.Ordinal);
        Assert.StartsWith("Link scanning is off here", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_Discord_scanning_is_a_whole_servers_setting_kept_under_the_guild()
    {
        var parsed = ChatCommandParser.Parse("/security scan on", "CryptoDigestBot");
        var inOneChannel = ChatRequest.FromText(ChatPlatform.Discord, "1100000000000000091", "user-1", true, parsed) with { ServerId = "1000000000000000091" };
        var inAnother = ChatRequest.FromText(ChatPlatform.Discord, "1100000000000000092", "user-1", true, ChatCommandParser.Parse("/security scan", "CryptoDigestBot")) with { ServerId = "1000000000000000091" };

        var on = (await TestServices.Router.HandleAsync(inOneChannel, CancellationToken.None)).ToString();
        var shown = (await TestServices.Router.HandleAsync(inAnother, CancellationToken.None)).ToString();

        Assert.StartsWith("Link scanning is on here", on, StringComparison.Ordinal);
        Assert.StartsWith("Link scanning is on here: 0 link(s) checked", shown, StringComparison.Ordinal);
        // Another server with the same channel is not on: the setting is the guild's, not the channel's.
        var otherServer = (await TestServices.Router.HandleAsync(inOneChannel with { Argument = "scan", ServerId = "1000000000000000099" }, CancellationToken.None)).ToString();
        Assert.StartsWith("Link scanning is off here", otherServer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_Discord_outside_a_server_scanning_says_it_works_in_servers_only_and_points_at_check()
    {
        var request = ChatRequest.FromText(ChatPlatform.Discord, "1100000000000000093", "user-1", true, ChatCommandParser.Parse("/security scan on", "CryptoDigestBot"));

        var reply = (await TestServices.Router.HandleAsync(request, CancellationToken.None)).ToString();

        Assert.StartsWith("Link scanning works in servers only", reply, StringComparison.Ordinal);
        Assert.Contains("/security check", reply, StringComparison.Ordinal);
    }
}
