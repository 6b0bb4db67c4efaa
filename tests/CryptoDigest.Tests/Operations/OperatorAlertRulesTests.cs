using CryptoDigest.Operations;
using CryptoDigest.Security.LinkCheck;
using CryptoDigest.Storage;
using Microsoft.Extensions.Time.Testing;

namespace CryptoDigest.Tests.Operations;

/// <summary>Which conditions raise an operator alert, and how often: once a day while they hold, cleared once.</summary>
public class OperatorAlertRulesTests
{
    private static readonly DateTimeOffset Morning = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly OperatorsOptions Options = new();

    [Fact]
    public void A_healthy_bot_raises_nothing()
    {
        Assert.Empty(OperatorAlertRules.Evaluate(Status(), Options));
    }

    [Fact]
    public void A_source_raises_an_alert_at_the_threshold_of_failures_in_a_row_and_not_before()
    {
        var status = Status() with
        {
            Sources =
            [
                new SourceHealth("Bankless", true, Morning, null, "HTTP 503", 6),
                new SourceHealth("The Defiant", true, Morning, null, "HTTP 500", 5),
                new SourceHealth("Retired", false, Morning, null, "HTTP 404", 40),
            ],
        };

        var alert = Assert.Single(OperatorAlertRules.Evaluate(status, Options));

        Assert.Equal("source-failing:Bankless", alert.Key);
        Assert.Equal("Alert: the source Bankless keeps failing. 6 fetches in a row failed; the last error: HTTP 503.", OperatorAlertRules.RaiseText(alert));
        Assert.Equal("Cleared: the source Bankless keeps failing.", OperatorAlertRules.ClearText(alert.Title));
    }

    [Theory]
    [InlineData(1_599_999, new string[0])]
    [InlineData(1_600_000, new[] { "model-budget-80" })]
    [InlineData(2_000_000, new[] { "model-budget-80", "model-budget-100" })]
    public void Model_tokens_raise_at_80_and_at_100_percent_of_the_budget(long used, string[] expected)
    {
        var status = Status() with { ModelTokens = new ModelTokenStatus(used, 2_000_000) };

        Assert.Equal(expected, OperatorAlertRules.Evaluate(status, Options).Select(a => a.Key));
    }

    [Fact]
    public void Without_a_budget_tokens_raise_nothing()
    {
        Assert.Empty(OperatorAlertRules.Evaluate(Status() with { ModelTokens = new ModelTokenStatus(10_000_000, 0) }, Options));
    }

    [Theory]
    [InlineData(5, 100, false)]
    [InlineData(6, 100, true)]
    [InlineData(1, 10, true)]
    public void More_than_five_percent_of_the_days_deliveries_failed_raises(int failed, int total, bool raises)
    {
        var status = Status() with { Today = new DeliveryCounts(total - failed, 0, failed, 0) };

        Assert.Equal(raises, OperatorAlertRules.Evaluate(status, Options).Any(a => a.Key == "deliveries-failing"));
    }

    [Fact]
    public void A_failed_compose_and_an_unreadable_mailbox_raise()
    {
        var status = Status() with
        {
            Compose = new JobHealth(null, Morning, Morning, 1, "InvalidOperationException: no articles"),
            Mailboxes = [new MailboxStatus("digest@mail.example.com:993/INBOX", Morning, 3, "authentication failed", 0, 0, 0)],
        };

        Assert.Equal(["edition-compose-failed", "mailbox-unreadable:digest@mail.example.com:993/INBOX"], OperatorAlertRules.Evaluate(status, Options).Select(a => a.Key));
    }

    [Fact]
    public void The_phishing_refresh_raises_only_when_it_failed_on_two_days_running()
    {
        var sameDay = new JobHealth(null, Morning.AddHours(3), Morning, 3, "timeout");
        var twoDays = new JobHealth(null, Morning.AddDays(1), Morning, 2, "timeout");

        Assert.Empty(OperatorAlertRules.Evaluate(Status() with { PhishingListRefresh = sameDay }, Options));
        Assert.Equal("phishing-list-refresh-failing", Assert.Single(OperatorAlertRules.Evaluate(Status() with { PhishingListRefresh = twoDays }, Options)).Key);
    }

    [Fact]
    public void The_job_name_read_for_the_phishing_refresh_is_the_jobs_own()
    {
        Assert.Equal(RefreshPhishingListJob.RecurringId, OperatorStatusReader.PhishingListJobName);
    }

    [Fact]
    public void A_condition_is_raised_once_not_repeated_within_the_day_cleared_once_and_raised_again_the_next_day()
    {
        var clock = new FakeTimeProvider(Morning);
        OperatorAlert? state = null;
        var messages = new List<string>();

        // Every five minutes for a day and a half: the condition holds until 15:00, returns at 18:00 and lasts.
        for (var check = 0; check < 12 * 36; check++)
        {
            var hour = (clock.GetUtcNow() - Morning).TotalHours;
            var holds = hour < 6 || hour >= 9;
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            switch (OperatorAlertRules.Step(state, holds, today))
            {
                case AlertStep.Raise:
                    messages.Add($"raise {clock.GetUtcNow():dd HH:mm}");
                    state = new OperatorAlert { Condition = "c", Raised = true, AnnouncedOn = today };
                    break;
                case AlertStep.Clear:
                    messages.Add($"clear {clock.GetUtcNow():dd HH:mm}");
                    state!.Raised = false;
                    break;
            }

            clock.Advance(TimeSpan.FromMinutes(5));
        }

        // The return at 18:00 is the same day as the first announcement: quiet, and so no second clearing either.
        Assert.Equal(["raise 07 09:00", "clear 07 15:00", "raise 08 00:00"], messages);
    }

    private static OperatorStatus Status() => new(
        Morning,
        [new SourceHealth("Bankless", true, Morning, "2 new", null, 0)],
        new EditionStatus(Morning, Morning, 12, false, false),
        new JobHealth(Morning, null, null, 0, null),
        new DeliveryCounts(100, 0, 0, 0),
        new OutboxStatus(0, 0, 0),
        new ModelTokenStatus(1000, 2_000_000),
        new LinkScanCounters(0, 0, 0, 0),
        null,
        []);
}
