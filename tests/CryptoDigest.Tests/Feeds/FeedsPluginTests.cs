using CryptoDigest.Feeds;

namespace CryptoDigest.Tests.Feeds;

public class FeedsPluginTests
{
    [Fact]
    public void The_model_can_list_sources_but_has_no_function_that_adds_removes_or_fetches_one()
    {
        var functions = TestServices.Plugins[FeedsPlugin.PluginName].Select(f => f.Name).ToList();

        Assert.Equal([FeedsPlugin.ListFunction], functions);
    }
}
