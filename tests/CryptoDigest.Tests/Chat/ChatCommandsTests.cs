using CryptoDigest.Chat;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Chat;

public class ChatCommandsTests
{
    [Theory]
    [InlineData("/subscribe 08:00 Europe/Berlin", false)]
    [InlineData("/subscribe", true)]
    [InlineData("/unsubscribe", false)]
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
    public void Adapters_also_refuse_the_admins_commands_to_members_outright(string text, bool allowed)
    {
        var request = ChatRequest.FromText(ChatPlatform.Discord, "1", "7", isChatAdmin: false, ChatCommandParser.Parse(text, "CryptoDigestBot"));

        Assert.Equal(allowed, ChatCommands.AllowsFromPlatform(request));
        Assert.True(ChatCommands.AllowsFromPlatform(request with { IsChatAdmin = true }));
    }

    [Fact]
    public void Commands_with_an_admin_rule_are_the_ones_the_adapters_ask_about_and_the_menus_hide_the_admin_only_ones()
    {
        Assert.Equal(["security", "subscribe", "unsubscribe"], ChatCommands.All.Where(c => c.HasAdminRule).Select(c => c.Name));
        Assert.Equal(["subscribe", "unsubscribe"], ChatCommands.All.Where(c => c.ForAdmins).Select(c => c.Name));
    }

    [Theory]
    [InlineData("/sources add https://feeds.example.com/rss")]
    [InlineData("/sources REMOVE Bankless")]
    public void Source_edits_have_no_chat_admin_rule_because_they_change_every_chats_brief(string text)
    {
        // Being an admin neither allows nor refuses them: the router asks the operator's list of source editors.
        var request = ChatRequest.FromText(ChatPlatform.Telegram, "-100", "7", isChatAdmin: false, ChatCommandParser.Parse(text, "CryptoDigestBot"));

        Assert.Equal("sources", request.Command);
        Assert.True(ChatCommands.AllowsFromPlatform(request));
        Assert.False(ChatCommands.Sources.NeedsChatAdmin(request.Argument));
    }
}
