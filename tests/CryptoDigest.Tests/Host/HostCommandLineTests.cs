using CryptoDigest.Host;

namespace CryptoDigest.Tests.Host;

/// <summary>
/// The verbs' argument checks, in-process: each wrong use is refused by the parser with one line and
/// exit 2 before anything is built, and --help prints our usage texts.
/// </summary>
public class HostCommandLineTests
{
    [Theory]
    [InlineData(new[] { "brief", "send-now", "--chat" }, "--chat needs the chat or channel id")]
    [InlineData(new[] { "brief", "unknown" }, "unknown brief sub-verb 'unknown'")]
    [InlineData(new[] { "index", "weights", "--top" }, "--top needs a value (index --help)")]
    [InlineData(new[] { "index", "weights", "--data", "--json" }, "--data needs a value (index --help)")]
    [InlineData(new[] { "index", "weights", "--rebalance", "weekly" }, "unknown option '--rebalance' (index --help)")]
    [InlineData(new[] { "index", "backtest", "--to", "30.01.2024" }, "--to must be a date as YYYY-MM-DD")]
    [InlineData(new[] { "feeds", "export", "extra" }, "feeds needs a sub-verb")]
    [InlineData(new[] { "feeds", "import" }, "feeds needs a sub-verb")]
    [InlineData(new[] { "security", "check", "--AI:Model=x" }, "security check needs at least one URL or domain")]
    [InlineData(new[] { "ask", "--AI:Model=x" }, "ask needs the message")]
    [InlineData(new[] { "db", "upgrade" }, "db needs a sub-verb")]
    public async Task A_wrong_use_of_a_verb_exits_2_with_one_line_before_anything_runs(string[] arguments, string message)
    {
        var (exitCode, output, error) = await RunAsync(arguments);

        Assert.Equal(HostCommandLine.BadUsage, exitCode);
        Assert.StartsWith($"error: {message}", Assert.Single(error.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Theory]
    [InlineData(new[] { "--help" }, "Usage: CryptoDigest.Host [verb]")]
    [InlineData(new[] { "help" }, "Usage: CryptoDigest.Host [verb]")]
    [InlineData(new[] { "-h" }, "Usage: CryptoDigest.Host [verb]")]
    [InlineData(new[] { "feeds", "--help" }, "Usage: CryptoDigest.Host feeds <sub-verb>")]
    [InlineData(new[] { "feeds", "help" }, "Usage: CryptoDigest.Host feeds <sub-verb>")]
    [InlineData(new[] { "index", "-h" }, "Usage: CryptoDigest.Host index <sub-verb>")]
    public async Task Help_prints_the_usage_text_on_stdout_and_exits_0(string[] arguments, string usage)
    {
        var (exitCode, output, error) = await RunAsync(arguments);

        Assert.Equal(HostCommandLine.Ok, exitCode);
        Assert.StartsWith(usage, output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await HostCommandLine.RunAsync(arguments, TextReader.Null, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
