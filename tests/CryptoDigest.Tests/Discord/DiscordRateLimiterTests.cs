using CryptoDigest.Discord;
using Microsoft.Extensions.Time.Testing;

namespace CryptoDigest.Tests.Discord;

/// <summary>The limiter's bookkeeping on a fake clock: a wait is a task that completes only once the clock passes its end.</summary>
public class DiscordRateLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task WaitForGlobal_the_51st_request_within_a_second_waits_for_the_window_to_move()
    {
        var limiter = new DiscordRateLimiter(_clock);
        for (var i = 0; i < DiscordRateLimiter.GlobalRequestsPerSecond; i++)
        {
            Assert.True(limiter.WaitForGlobalAsync(CancellationToken.None).IsCompletedSuccessfully);
        }

        var next = limiter.WaitForGlobalAsync(CancellationToken.None);

        Assert.False(next.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await next.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Pause_global_holds_every_bot_request_for_retry_after()
    {
        var limiter = new DiscordRateLimiter(_clock);

        limiter.Pause("POST channels/{channel}/messages 1", TimeSpan.FromSeconds(3), global: true);
        var waiting = limiter.WaitForGlobalAsync(CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(waiting.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void HasInvalidRequestBudget_runs_out_before_discords_10000_and_returns_after_10_minutes()
    {
        var limiter = new DiscordRateLimiter(_clock);
        for (var i = 0; i < DiscordRateLimiter.InvalidRequestBudget; i++)
        {
            limiter.RecordInvalid(botTokenRejected: false);
        }

        Assert.True(DiscordRateLimiter.InvalidRequestBudget < 10_000);
        Assert.False(limiter.HasInvalidRequestBudget());
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.True(limiter.HasInvalidRequestBudget());
    }

    [Fact]
    public void RecordInvalid_a_rejected_bot_token_is_remembered()
    {
        var limiter = new DiscordRateLimiter(_clock);

        limiter.RecordInvalid(botTokenRejected: true);

        Assert.True(limiter.BotTokenRejected);
    }
}
