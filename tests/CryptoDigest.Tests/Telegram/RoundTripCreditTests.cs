using CryptoDigest.Telegram;

namespace CryptoDigest.Tests.Telegram;

public class RoundTripCreditTests
{
    private static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void Steady_round_trips_credit_nine_tenths_of_the_floor()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(90), Recorded(i => 100 + (i % 3)).Value(Floor));
    }

    [Fact]
    public void Some_spread_takes_three_times_itself_off_the_floor()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(70), Recorded(i => i < 64 ? 100 : 110).Value(Floor));
    }

    [Fact]
    public void Round_trips_spread_by_more_than_a_third_of_the_floor_credit_nothing()
    {
        Assert.Equal(TimeSpan.Zero, Recorded(i => 100 + (i % 8 * 10)).Value(Floor));
    }

    [Fact]
    public void Time_in_the_server_s_queue_is_not_credited_when_the_floor_saw_the_queue_drained()
    {
        // Every recent send waited about 60 ms in a queue; the floor of the last seconds saw it nearly empty.
        var credit = Recorded(_ => 60);

        Assert.Equal(TimeSpan.Zero, credit.Value(TimeSpan.FromMilliseconds(5)));
        Assert.Equal(TimeSpan.Zero, credit.Value(TimeSpan.FromMilliseconds(40)));
    }

    [Fact]
    public void Round_trips_under_twenty_milliseconds_credit_nothing()
    {
        Assert.Equal(TimeSpan.Zero, Recorded(_ => 19).Value(TimeSpan.FromMilliseconds(19)));
    }

    [Fact]
    public void A_few_round_trips_or_no_floor_credit_nothing()
    {
        var few = new RoundTripCredit();
        for (var i = 0; i < 31; i++)
        {
            few.Record(Floor);
        }

        Assert.Equal(TimeSpan.Zero, few.Value(Floor));
        Assert.Equal(TimeSpan.Zero, Recorded(_ => 100).Value(null));
    }

    private static RoundTripCredit Recorded(Func<int, int> milliseconds)
    {
        var credit = new RoundTripCredit();
        for (var i = 0; i < 128; i++)
        {
            credit.Record(TimeSpan.FromMilliseconds(milliseconds(i)));
        }

        return credit;
    }
}
