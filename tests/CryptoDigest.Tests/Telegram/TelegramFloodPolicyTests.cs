using CryptoDigest.Telegram;
using Microsoft.Extensions.Time.Testing;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace CryptoDigest.Tests.Telegram;

public class TelegramFloodPolicyTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Only_a_429_asks_for_a_wait_and_it_is_the_retry_after_telegram_names()
    {
        Assert.Equal(TimeSpan.FromSeconds(37), TelegramFloodPolicy.RetryAfter(new ApiRequestException("Too Many Requests: retry after 37", 429, new ResponseParameters { RetryAfter = 37 })));
        Assert.Equal(TimeSpan.FromSeconds(1), TelegramFloodPolicy.RetryAfter(new ApiRequestException("Too Many Requests", 429)));
        Assert.Null(TelegramFloodPolicy.RetryAfter(new ApiRequestException("Conflict: terminated by other getUpdates request", 409)));
        Assert.Null(TelegramFloodPolicy.RetryAfter(new RequestException("Request timed out")));
    }

    [Fact]
    public void A_chat_s_429_pauses_only_that_chat_and_a_second_chat_s_within_a_second_pauses_the_bot()
    {
        var time = new FakeTimeProvider(Start);
        var policy = new TelegramFloodPolicy(time);

        Assert.Null(policy.BotWidePauseUntil(1, TimeSpan.FromSeconds(5)));
        time.Advance(TimeSpan.FromMilliseconds(400));

        Assert.Equal(Start.AddMilliseconds(400).AddSeconds(5), policy.BotWidePauseUntil(2, TimeSpan.FromSeconds(5)));
    }
}
