namespace CryptoDigest.Telegram;

/// <summary>
/// The part of a send's round trip that <see cref="GlobalSendWindow"/> may take off the second it holds a slot after
/// the send came back: the part every send shares (the way to the server and back, its usual work). Wherever in a
/// round trip the server counts a send, the next send needs at least that part to reach the same point, so its count
/// still falls a second after. Taken as nine tenths of the shortest round trip of a send that started with none of
/// ours in flight, over the last five to ten minutes, and never more than nine tenths of the current floor
/// (<see cref="RoundTripFloor"/>, for a server that became faster since). Only a lone send is sure to have waited in
/// no queue of ours at the server: with others in flight every round trip may hold such a wait, which is gone as
/// soon as the bot sends less (crediting the floor of all sends met 429s against a single-threaded stand-in at
/// 1,000/s). Nothing under 20 ms. Not thread-safe: the window calls it under its lock.
/// </summary>
internal sealed class RoundTripCredit
{
    private const double ShareOfFloor = 0.9;

    // Below this the credit is worth at most 2 % of the rate, and such round trips are mostly the client's own
    // scheduling: on a busy machine they were where a credit met a 429.
    private static readonly TimeSpan MinCreditedRoundTrip = TimeSpan.FromMilliseconds(20);

    private readonly RoundTripFloor _lone = new(TimeSpan.FromMinutes(5));

    public void Record(TimeSpan roundTrip, bool startedAlone, DateTimeOffset now)
    {
        if (startedAlone)
        {
            _lone.Record(roundTrip, now);
        }
    }

    /// <summary>What a hold may be shortened by, given the shortest recent round trip of any send (null: none known).</summary>
    public TimeSpan Value(TimeSpan? floor, DateTimeOffset now)
    {
        if (floor is not { } current || _lone.Value(now) is not { } lone)
        {
            return TimeSpan.Zero;
        }

        var shortest = lone < current ? lone : current;
        return shortest < MinCreditedRoundTrip ? TimeSpan.Zero : shortest * ShareOfFloor;
    }
}
