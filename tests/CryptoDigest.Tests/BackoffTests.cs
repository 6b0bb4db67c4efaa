namespace CryptoDigest.Tests;

public class BackoffTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(100, 30)]
    public void Each_attempt_doubles_the_wait_up_to_the_cap(int attempt, int seconds)
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(seconds), backoff.Delay(attempt));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void An_attempt_below_one_waits_as_long_as_the_first(int attempt)
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5));

        Assert.Equal(TimeSpan.FromSeconds(2), backoff.Delay(attempt));
    }

    [Fact]
    public void Any_number_of_attempts_stays_at_the_cap_without_overflowing()
    {
        var backoff = new Backoff(TimeSpan.FromMinutes(30), TimeSpan.MaxValue);

        Assert.Equal(TimeSpan.MaxValue, backoff.Delay(int.MaxValue));
        Assert.Equal(TimeSpan.FromHours(12), new Backoff(TimeSpan.FromMinutes(30), TimeSpan.FromHours(12)).Delay(int.MaxValue));
    }

    [Fact]
    public void Jitter_takes_a_random_share_off_the_wait_and_never_adds_to_it()
    {
        var draws = new Queue<double>([0.0, 0.5, 0.75]);
        var backoff = new Backoff(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)) { Jitter = 0.2, Random = draws.Dequeue };

        Assert.Equal(TimeSpan.FromSeconds(10), backoff.Delay(1));
        Assert.Equal(TimeSpan.FromSeconds(18), backoff.Delay(2));
        Assert.Equal(TimeSpan.FromSeconds(25.5), backoff.Delay(10));
    }

    [Fact]
    public void Without_jitter_no_random_number_is_drawn()
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)) { Random = () => throw new InvalidOperationException("drawn") };

        Assert.Equal(TimeSpan.FromSeconds(8), backoff.Delay(4));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void Jitter_outside_zero_to_one_is_refused(double jitter)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)) { Jitter = jitter });
    }
}
