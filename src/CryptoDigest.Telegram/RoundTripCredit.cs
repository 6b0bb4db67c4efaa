namespace CryptoDigest.Telegram;

/// <summary>
/// The part of a send's round trip that <see cref="GlobalSendWindow"/> may take off the second it holds a slot after
/// the send came back: the part every send shares (the way to the server and back, its usual work). Wherever in a
/// round trip the server counts a send, the next send needs at least that part to reach the same point, so its count
/// still falls a second after. Taken as nine tenths of the shortest round trip of the last 10 to 20 seconds
/// (<see cref="RoundTripFloor"/>), less three times the spread of the last 128 round trips (their 90th percentile above
/// that floor). The floor, not the shortest of the last few sends: time in the server's queue is not shared, since the
/// queue drains as soon as the bot sends less. The spread, because a floor that no send reached with the queue empty
/// is still mostly queue: crediting the floor alone met 429s against a single-threaded stand-in at 1,000/s. Nothing
/// before 32 round trips are known, and nothing under 20 ms. Not thread-safe: the window calls it under its lock.
/// </summary>
internal sealed class RoundTripCredit
{
    private const int Kept = 128;
    private const double ShareOfFloor = 0.9;
    private const int SpreadsOff = 3;

    // Below this the credit is worth at most 2 % of the rate, and such round trips are mostly the client's own
    // scheduling: on a busy machine they were where a credit met a 429.
    private static readonly TimeSpan MinCreditedRoundTrip = TimeSpan.FromMilliseconds(20);

    private readonly TimeSpan[] _recent = new TimeSpan[Kept];
    private readonly TimeSpan[] _sorted = new TimeSpan[Kept];
    private int _count;
    private int _next;
    private bool _dirty;

    public void Record(TimeSpan roundTrip)
    {
        _recent[_next] = roundTrip < TimeSpan.Zero ? TimeSpan.Zero : roundTrip;
        _next = (_next + 1) % Kept;
        _count = Math.Min(_count + 1, Kept);
        _dirty = true;
    }

    /// <summary>What a hold may be shortened by, given the shortest recent round trip (null: none known).</summary>
    public TimeSpan Value(TimeSpan? floor)
    {
        if (floor is not { } shortest || shortest < MinCreditedRoundTrip || _count < Kept / 4)
        {
            return TimeSpan.Zero;
        }

        var spread = Math.Max(0, (Ninetieth() - shortest).Ticks);
        var credit = Math.Min(shortest.Ticks * ShareOfFloor, shortest.Ticks - (SpreadsOff * spread));
        return credit <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)credit);
    }

    /// <summary>
    /// The middle of the last 128 round trips (null before 32 are known): what a send takes now, queues and a busy
    /// client included, from which the window sizes how many sends it keeps in flight.
    /// </summary>
    public TimeSpan? Median => _count < Kept / 4 ? null : Percentile(0.5);

    private TimeSpan Ninetieth() => Percentile(0.9);

    // Sorted again only when a round trip came in since.
    private TimeSpan Percentile(double share)
    {
        if (_dirty)
        {
            Array.Copy(_recent, _sorted, _count);
            Array.Sort(_sorted, 0, _count);
            _dirty = false;
        }

        return _sorted[(int)(_count * share)];
    }
}
