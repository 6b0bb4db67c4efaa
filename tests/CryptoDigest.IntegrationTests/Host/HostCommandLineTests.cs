using CryptoDigest.IntegrationTests.Infrastructure;

namespace CryptoDigest.IntegrationTests.Host;

public class HostCommandLineTests
{
    [Fact]
    public async Task Ask_help_prints_every_command_on_stdout_and_exits_zero()
    {
        var run = await HostProcess.RunAsync(["ask", "/help"]);

        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "/start", "/help", "/brief", "/digest", "/index", "/security", "/ask", "/subscribe", "/unsubscribe", "/sources" })
        {
            Assert.Contains(command, run.StandardOutput, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("info:", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_security_answers_with_a_passage_and_its_named_source()
    {
        var run = await HostProcess.RunAsync(["ask", "/security how do I store bitcoin safely"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Source: Token Metrics, \"", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("wallet", run.StandardOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ask_index_answers_with_a_passage_and_its_named_source()
    {
        var run = await HostProcess.RunAsync(["ask", "/index why market cap weighting"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Source: Token Metrics, \"", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("market cap", run.StandardOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_question_about_a_configured_newsletter_on_a_new_instance_says_no_issue_of_it_is_held_yet()
    {
        // The default newsletters are configured but nothing has been ingested: the answer must not pass off the curated
        // description of the newsletter as what it wrote.
        var run = await HostProcess.RunAsync(["ask", "/ask what did glassnode say about exchange balances"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("I hold no Glassnode", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("exchange balances", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_gets_a_usage_line_and_exit_zero()
    {
        var run = await HostProcess.RunAsync(["ask", "/nonsense"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("/help", run.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "ask" }, "ask needs the message")]
    [InlineData(new[] { "frobnicate" }, "unknown verb 'frobnicate'")]
    [InlineData(new[] { "db" }, "db needs a sub-verb")]
    public async Task Bad_usage_of_a_verb_exits_non_zero_with_one_line(string[] arguments, string message)
    {
        var run = await HostProcess.RunAsync(arguments);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {message}", run.StandardError.Trim()[..(7 + message.Length)]);
        Assert.Single(run.StandardError.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_bad_setting_stops_the_start_with_one_line_naming_the_key()
    {
        var run = await HostProcess.RunAsync(["ask", "/help"], new Dictionary<string, string> { ["Briefs__DefaultTimeZone"] = "Mars/Olympus" });

        Assert.Equal(3, run.ExitCode);
        var line = Assert.Single(run.StandardError.Trim().Split('\n'));
        Assert.Contains("Briefs:DefaultTimeZone 'Mars/Olympus' is not a known IANA time zone", line, StringComparison.Ordinal);
        Assert.Empty(run.StandardOutput);
    }

    [Fact]
    public async Task The_console_chat_answers_each_line_until_end_of_input()
    {
        var run = await HostProcess.RunAsync(["chat"], standardInput: "/help\n/security what is phishing\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("/subscribe [HH:MM] [time zone]", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("phishing", run.StandardOutput, StringComparison.OrdinalIgnoreCase);
    }
}
