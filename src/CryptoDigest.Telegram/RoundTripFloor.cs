namespace CryptoDigest.Telegram;

/// <summary>
/// What the recent round trips of sends say about when the server counted them. The floor is the shortest round
/// trip lately: the part every send shares (the way to the server and back, its usual work), kept as the minimum
/// of the current ten-second bucket and the one before, so it follows a server that becomes slower within twenty
/// seconds. The spread is how far round trips usually lie above the floor (a moving average). Not thread-safe:
/// the <see cref="GlobalSendWindow"/> calls it under its lock.
/// </summary>
internal sealed class RoundTripFloor
{
    // Below this many round trips in the last ten to twenty seconds the spread means nothing, and no credit is given.
    internal const int SamplesBeforeCredit = 16;
    private const double SpreadWeight = 1.0 / 16;
    private static readonly TimeSpan Bucket = TimeSpan.FromSeconds(10);
    private TimeSpan _current = TimeSpan.MaxValue;
    private TimeSpan _previous = TimeSpan.MaxValue;
    private int _currentSamples;
    private int _previousSamples;
    private double _spreadMs;
    private DateTimeOffset _bucketEnds = DateTimeOffset.MinValue;

    /// <summary>The floor, or null before any send came back (in the last twenty seconds).</summary>
    public TimeSpan? Value(DateTimeOffset now)
    {
        Roll(now);
        var floor = _current < _previous ? _current : _previous;
        return floor == TimeSpan.MaxValue ? null : floor;
    }

    /// <summary>
    /// How much of a round trip may be taken as happening at the same moment for every send: the floor less twice the
    /// spread, and nothing until enough round trips were seen. Round trips that vary widely (a busy machine, a
    /// congested link) leave no credit, and the window holds a slot until a second after the send came back.
    /// </summary>
    public TimeSpan Credit(DateTimeOffset now)
    {
        if (Value(now) is not { } floor || _currentSamples + _previousSamples < SamplesBeforeCredit)
        {
            return TimeSpan.Zero;
        }

        var credit = floor.TotalMilliseconds - (2 * _spreadMs);
        return credit > 0 ? TimeSpan.FromMilliseconds(credit) : TimeSpan.Zero;
    }

    public void Record(TimeSpan roundTrip, DateTimeOffset now)
    {
        Roll(now);
        roundTrip = roundTrip < TimeSpan.Zero ? TimeSpan.Zero : roundTrip;
        if (roundTrip < _current)
        {
            _current = roundTrip;
        }

        _currentSamples++;
        var excess = (roundTrip - (Value(now) ?? roundTrip)).TotalMilliseconds;
        _spreadMs += SpreadWeight * (excess - _spreadMs);
    }

    private void Roll(DateTimeOffset now)
    {
        if (now < _bucketEnds)
        {
            return;
        }

        // A gap longer than a bucket leaves nothing worth remembering in the previous one either.
        var adjacent = now < _bucketEnds + Bucket;
        _previous = adjacent ? _current : TimeSpan.MaxValue;
        _previousSamples = adjacent ? _currentSamples : 0;
        _current = TimeSpan.MaxValue;
        _currentSamples = 0;
        _bucketEnds = now + Bucket;
    }
}
