using CryptoDigest.Archive;
using CryptoDigest.Discord;

namespace CryptoDigest.Tests.Chat.Commands;

public class SearchCommandTests
{
    [Fact]
    public async Task A_bad_days_value_gets_the_reason_and_the_usage_line()
    {
        var reply = (await TestServices.AskAsync("/search etf flows days:9999")).ToString();

        Assert.Equal("days: takes a whole number from 1 to 365 (the archive keeps 365 days). Usage: /search <words> [source:<name>] [days:<n>], e.g. /search exchange balances source:glassnode days:30", reply);
    }

    [Fact]
    public async Task Search_without_words_gets_the_usage_line()
    {
        var reply = (await TestServices.AskAsync("/search")).ToString();

        Assert.Contains("/search <words> [source:<name>] [days:<n>]", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Discord_offers_search_with_one_required_words_option()
    {
        var command = DiscordApplicationCommands.All.Single(c => c.Name == "search");

        var option = Assert.Single(command.Options!);
        Assert.Equal("words", option.Name);
        Assert.True(option.Required);
        Assert.Null(command.DefaultMemberPermissions);
    }

    [Fact]
    public void The_model_gets_the_archive_search_as_a_tool()
    {
        var functions = TestServices.Plugins.SelectMany(p => p.Select(f => $"{p.Name}.{f.Name}")).ToList();

        Assert.Contains($"{ArchivePlugin.PluginName}.{ArchivePlugin.SearchFunction}", functions);
    }
}
