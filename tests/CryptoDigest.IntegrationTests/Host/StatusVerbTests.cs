using System.Text.Json;
using CryptoDigest.IntegrationTests.Infrastructure;

namespace CryptoDigest.IntegrationTests.Host;

/// <summary>The status verb of the real Host process on a fresh embedded database: the operator's view, as text and as JSON.</summary>
public class StatusVerbTests
{
    [Fact]
    public async Task Status_json_prints_one_object_with_every_part_of_the_operators_view()
    {
        var run = await HostProcess.RunAsync(["status", "--json", "--AI:DailyTokenBudget=5000"]);

        Assert.Equal(0, run.ExitCode);
        var status = JsonDocument.Parse(run.StandardOutput).RootElement;
        Assert.Equal(
            ["at", "sources", "lastEdition", "compose", "today", "outbox", "modelTokens", "linkScans", "phishingListRefresh", "mailboxes", "feedback"],
            status.EnumerateObject().Select(p => p.Name));
        Assert.Equal((0L, 5000L, 0), (status.GetProperty("modelTokens").GetProperty("usedToday").GetInt64(), status.GetProperty("modelTokens").GetProperty("dailyBudget").GetInt64(), status.GetProperty("modelTokens").GetProperty("percentUsed").GetInt32()));
        Assert.Equal(0, status.GetProperty("today").GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("compose").ValueKind);
    }

    [Fact]
    public async Task Status_prints_the_operators_view_in_words_and_refuses_a_stray_argument()
    {
        var run = await HostProcess.RunAsync(["status"]);
        var wrong = await HostProcess.RunAsync(["status", "everything"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Deliveries today (UTC)", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("0 sent, 0 pending, 0 failed, 0 skipped.", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("No mailbox read yet.", run.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Equal("error: unknown argument 'everything'. Use: status [--json]", wrong.StandardError.Trim());
    }
}
