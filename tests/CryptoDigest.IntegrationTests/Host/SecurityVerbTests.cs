using System.Text.Json;
using CryptoDigest.IntegrationTests.Infrastructure;

namespace CryptoDigest.IntegrationTests.Host;

/// <summary>The security check verb of the real Host process, end to end. Nothing it checks is fetched.</summary>
public class SecurityVerbTests
{
    [Fact]
    public async Task Security_check_json_prints_one_line_per_input_with_verdict_reasons_and_lookalike()
    {
        var run = await HostProcess.RunAsync(["security", "check", "https://www.binance.com/en", "bin\u0430nce.com", "http://3279880203/claim", "javascript:alert(1)", "--json"]);

        Assert.Equal(0, run.ExitCode);
        var lines = run.StandardOutput.Trim().Split('\n');
        Assert.Equal(4, lines.Length);
        var verdicts = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(verdicts, v => Assert.Equal(["input", "verdict", "reasons", "lookalikeOf"], v.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(("https://www.binance.com/en", "safe-looking", JsonValueKind.Null), (verdicts[0].GetProperty("input").GetString(), verdicts[0].GetProperty("verdict").GetString(), verdicts[0].GetProperty("lookalikeOf").ValueKind));
        Assert.Equal(("bin\u0430nce.com", "suspicious", "binance.com"), (verdicts[1].GetProperty("input").GetString(), verdicts[1].GetProperty("verdict").GetString(), verdicts[1].GetProperty("lookalikeOf").GetString()));
        Assert.Contains("Cyrillic", verdicts[1].GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("suspicious", verdicts[2].GetProperty("verdict").GetString());
        Assert.Equal("suspicious", verdicts[3].GetProperty("verdict").GetString());
        Assert.All(verdicts, v => Assert.True(v.GetProperty("reasons").GetArrayLength() > 0));
    }

    [Fact]
    public async Task Security_check_without_json_prints_each_verdict_and_its_reasons()
    {
        var run = await HostProcess.RunAsync(["security", "check", "metamask-restore.example.com"]);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("metamask-restore.example.com: suspicious", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("  - ", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("the real site: metamask.io", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_known_bad_list_makes_a_listed_host_known_bad()
    {
        var list = Path.Combine(Directory.CreateTempSubdirectory("cryptodigest-lists-").FullName, "list.json");
        await File.WriteAllTextAsync(list, """{"allowlist": [], "blocklist": ["drainer.example.net"], "fuzzylist": [], "tolerance": 1}""");

        var run = await HostProcess.RunAsync(["security", "check", "app.drainer.example.net", "--json", $"--LinkCheck:ListFiles:0={list}"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("known-bad", JsonDocument.Parse(run.StandardOutput).RootElement.GetProperty("verdict").GetString());
    }

    [Theory]
    [InlineData(new[] { "security" }, "security needs a sub-verb")]
    [InlineData(new[] { "security", "check" }, "security check needs at least one URL or domain")]
    [InlineData(new[] { "security", "check", "--verbose", "example.org" }, "unknown option '--verbose'")]
    public async Task Wrong_arguments_exit_2_with_one_line(string[] arguments, string message)
    {
        var run = await HostProcess.RunAsync(arguments);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: {message}", run.StandardError.Trim(), StringComparison.Ordinal);
        Assert.Single(run.StandardError.Trim().Split('\n'));
    }
}
