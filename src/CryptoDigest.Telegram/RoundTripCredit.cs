namespace CryptoDigest.Telegram;

/// <summary>
/// The part of a send's round trip that <see cref="GlobalSendWindow"/> may take off the second it holds a slot after
/// the send came back: the part every send shares (the way to the server and back, its usual work). Wherever in a
/// round trip the server counts a send, the next send needs at least that part to reach the same point, so its count
/// still falls a second after. Taken from the last round trips: their shortest, less three times their spread (the 90th
/// percentile above the shortest), because a round trip that varies a lot may be long on its way out in one send and
/// on its way back in the next, and then the shortest is no part every send pays. Nothing before enough round trips
/// are known, and none for round trips under 20 ms. Not thread-safe: the window calls it under its lock.
/// </summary>
internal sealed class RoundTripCredit
{
    private const int Kept = 128;
    private const int RecomputeEvery = 16;
    private const double MaxShareOfShortest = 0.9;
    private const int SpreadsOff = 3;

    // Below this the credit is worth at most 2 % of the rate, and such round trips are mostly the client's own
    // scheduling: on a busy machine they were where a credit met a 429.
    private static readonly TimeSpan MinCreditedRoundTrip = TimeSpan.FromMilliseconds(20);

    private readonly TimeSpan[] _recent = new TimeSpan[Kept];
    private readonly TimeSpan[] _sorted = new TimeSpan[Kept];
    private int _count;
    private int _next;
    private int _sinceRecompute;

    /// <summary>What a hold may be shortened by now.</summary>
    public TimeSpan Value { get; private set; } = TimeSpan.Zero;

    public void Record(TimeSpan roundTrip)
    {
        _recent[_next] = roundTrip < TimeSpan.Zero ? TimeSpan.Zero : roundTrip;
        _next = (_next + 1) % Kept;
        _count = Math.Min(_count + 1, Kept);
        if (++_sinceRecompute >= RecomputeEvery)
        {
            _sinceRecompute = 0;
            Value = Compute();
        }
    }

    private TimeSpan Compute()
    {
        if (_count < Kept / 4)
        {
            return TimeSpan.Zero;
        }

        Array.Copy(_recent, _sorted, _count);
        Array.Sort(_sorted, 0, _count);
        var shortest = _sorted[0];
        if (shortest < MinCreditedRoundTrip)
        {
            return TimeSpan.Zero;
        }

        var spread = _sorted[(int)(_count * 0.9)] - shortest;
        var credit = Math.Min(shortest.Ticks * MaxShareOfShortest, shortest.Ticks - (SpreadsOff * spread.Ticks));
        return credit <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)credit);
    }
}
