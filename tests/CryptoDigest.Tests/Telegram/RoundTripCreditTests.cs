using CryptoDigest.Telegram;

namespace CryptoDigest.Tests.Telegram;

public class RoundTripCreditTests
{
    [Fact]
    public void Steady_round_trips_credit_nine_tenths_of_the_shortest()
    {
        var credit = new RoundTripCredit();
        for (var i = 0; i < 64; i++)
        {
            credit.Record(TimeSpan.FromMilliseconds(100 + (i % 3)));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(90), credit.Value);
    }

    [Fact]
    public void Round_trips_that_vary_by_more_than_a_third_of_the_shortest_credit_nothing()
    {
        var credit = new RoundTripCredit();
        for (var i = 0; i < 64; i++)
        {
            credit.Record(TimeSpan.FromMilliseconds(100 + (i % 8 * 10)));
        }

        Assert.Equal(TimeSpan.Zero, credit.Value);
    }

    [Fact]
    public void Some_spread_takes_three_times_itself_off_the_shortest()
    {
        var credit = new RoundTripCredit();
        for (var i = 0; i < 128; i++)
        {
            credit.Record(TimeSpan.FromMilliseconds(i < 64 ? 100 : 110));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(70), credit.Value);
    }

    [Fact]
    public void Round_trips_under_twenty_milliseconds_credit_nothing()
    {
        var credit = new RoundTripCredit();
        for (var i = 0; i < 64; i++)
        {
            credit.Record(TimeSpan.FromMilliseconds(19));
        }

        Assert.Equal(TimeSpan.Zero, credit.Value);
    }

    [Fact]
    public void A_few_round_trips_credit_nothing_yet()
    {
        var credit = new RoundTripCredit();
        for (var i = 0; i < 31; i++)
        {
            credit.Record(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(TimeSpan.Zero, credit.Value);
    }
}
