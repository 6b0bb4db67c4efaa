using CryptoDigest.Chat.Commands;

namespace CryptoDigest.Tests.Chat.Commands;

public class SubscribeCommandTests
{
    [Fact]
    public async Task A_member_who_is_not_an_admin_is_refused_even_the_bare_command_as_the_platforms_do()
    {
        var reply = await TestServices.AskAsync("/subscribe", isAdmin: false);

        Assert.Equal(SubscribeCommand.Entry.AdminRule!.Refusal, Assert.Single(reply.Blocks).Text);
        Assert.True(SubscribeCommand.Entry.IsForAdmins);
    }
}
