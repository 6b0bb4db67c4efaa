using CryptoDigest.Telegram;

namespace CryptoDigest.Tests.Telegram;

public class RoundTripCreditTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void A_lone_send_s_round_trip_credits_nine_tenths_of_itself()
    {
        var credit = new RoundTripCredit();
        credit.Record(Ms(100), startedAlone: true, Start);

        Assert.Equal(Ms(90), credit.Value(Ms(100), Start));
    }

    [Fact]
    public void Round_trips_of_sends_started_beside_others_credit_nothing_since_they_may_hold_a_queue_of_ours()
    {
        var credit = new RoundTripCredit();
        for (var i = 0; i < 200; i++)
        {
            credit.Record(Ms(100), startedAlone: false, Start);
        }

        Assert.Equal(TimeSpan.Zero, credit.Value(Ms(100), Start));
    }

    [Fact]
    public void Time_queued_behind_our_own_sends_is_not_credited()
    {
        var credit = new RoundTripCredit();
        credit.Record(Ms(40), startedAlone: true, Start);
        for (var i = 0; i < 200; i++)
        {
            credit.Record(Ms(160), startedAlone: false, Start);
        }

        // The floor of the last seconds saw only queued sends; the lone one shows what the server itself takes.
        Assert.Equal(Ms(36), credit.Value(Ms(150), Start));
    }

    [Fact]
    public void The_credit_never_exceeds_nine_tenths_of_the_current_floor_for_a_server_that_became_faster()
    {
        var credit = new RoundTripCredit();
        credit.Record(Ms(100), startedAlone: true, Start);

        Assert.Equal(Ms(45), credit.Value(Ms(50), Start.AddMinutes(1)));
    }

    [Fact]
    public void Round_trips_under_twenty_milliseconds_credit_nothing()
    {
        var credit = new RoundTripCredit();
        credit.Record(Ms(19), startedAlone: true, Start);

        Assert.Equal(TimeSpan.Zero, credit.Value(Ms(19), Start));
    }

    [Fact]
    public void Without_a_floor_or_a_lone_send_in_the_last_ten_minutes_nothing_is_credited()
    {
        var credit = new RoundTripCredit();
        credit.Record(Ms(100), startedAlone: true, Start);

        Assert.Equal(TimeSpan.Zero, credit.Value(null, Start));
        Assert.Equal(TimeSpan.Zero, credit.Value(Ms(100), Start.AddMinutes(11)));
    }
}
