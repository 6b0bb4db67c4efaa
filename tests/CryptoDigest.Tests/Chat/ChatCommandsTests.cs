using CryptoDigest.Chat;
using CryptoDigest.Chat.Commands;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Chat;

public class ChatCommandsTests
{
    [Theory]
    [InlineData("/subscribe 08:00 Europe/Berlin", false)]
    // Every use of /subscribe needs an admin, showing the setting included, as both platforms always had it (issue 19).
    [InlineData("/subscribe", false)]
    [InlineData("/unsubscribe", false)]
    [InlineData("/security scan on", false)]
    [InlineData("/security scan", true)]
    [InlineData("/security how do I store bitcoin safely", true)]
    [InlineData("/sources", true)]
    [InlineData("/brief", true)]
    [InlineData("is bitcoin safe", true)]
    public void A_member_who_is_not_an_admin_may_run_only_the_uses_that_change_nothing(string text, bool allowed)
    {
        var request = ChatRequest.FromText(ChatPlatform.Telegram, "-100", "7", isChatAdmin: false, ChatCommandParser.Parse(text, "CryptoDigestBot"));

        Assert.Equal(allowed, ChatCommands.Allows(request));
        Assert.True(ChatCommands.Allows(request with { IsChatAdmin = true }));
    }

    [Theory]
    [InlineData("/subscribe", false)]
    [InlineData("/sources", true)]
    [InlineData("/status", false)]
    public void Adapters_also_refuse_the_admins_commands_to_members_outright(string text, bool allowed)
    {
        var request = ChatRequest.FromText(ChatPlatform.Discord, "1", "7", isChatAdmin: false, ChatCommandParser.Parse(text, "CryptoDigestBot"));

        Assert.Equal(allowed, ChatCommands.Allows(request));
        Assert.True(ChatCommands.Allows(request with { IsChatAdmin = true }));
    }

    [Fact]
    public void Commands_with_an_admin_rule_are_the_ones_the_adapters_ask_about_and_the_menus_hide_the_admin_only_ones()
    {
        Assert.Equal(["security", "subscribe", "unsubscribe", "settings", "status"], ChatCommands.All.Where(c => c.AdminRule is not null).Select(c => c.Name));
        Assert.Equal(["subscribe", "unsubscribe", "status"], ChatCommands.All.Where(c => c.IsForAdmins).Select(c => c.Name));
    }

    [Fact]
    public void Each_command_with_an_admin_rule_has_its_own_one_refusal()
    {
        var refusals = ChatCommands.All.Where(c => c.AdminRule is not null).Select(c => ChatCommands.RefusalFor(c.Name)).ToList();

        Assert.Equal(refusals.Count, refusals.Distinct(StringComparer.Ordinal).Count());
        Assert.All(refusals, r => Assert.StartsWith("Only this chat's admins can", r, StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => ChatCommands.RefusalFor("brief"));
    }

    [Theory]
    [InlineData("security", "how do I store bitcoin safely", false)]
    [InlineData("security", "check metamask.io", false)]
    [InlineData("security", " scan OFF ", true)]
    [InlineData("subscribe", "", true)]
    [InlineData("settings", "", false)]
    [InlineData("settings", "length headlines", true)]
    [InlineData("ask", "", false)]
    [InlineData("", "is bitcoin safe", false)]
    [InlineData("nonsense", "scan on", false)]
    public void Whether_a_use_needs_an_admin_is_asked_by_command_and_argument(string command, string argument, bool needed)
    {
        Assert.Equal(needed, ChatCommands.NeedsChatAdmin(command, argument));
    }

    [Theory]
    [InlineData("/sources add https://feeds.example.com/rss")]
    [InlineData("/sources REMOVE Bankless")]
    public void Source_edits_have_no_chat_admin_rule_because_they_change_every_chats_brief(string text)
    {
        // Being an admin neither allows nor refuses them: the router asks the operator's list of source editors.
        var request = ChatRequest.FromText(ChatPlatform.Telegram, "-100", "7", isChatAdmin: false, ChatCommandParser.Parse(text, "CryptoDigestBot"));

        Assert.Equal("sources", request.Command);
        Assert.True(ChatCommands.Allows(request));
        Assert.False(SourcesCommand.Entry.NeedsChatAdmin(request.Argument));
    }
}
