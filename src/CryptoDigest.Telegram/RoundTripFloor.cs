namespace CryptoDigest.Telegram;

/// <summary>
/// The shortest round trip of a send seen lately: the part every send shares (the way to the server and back, its
/// usual work), from which <see cref="GlobalSendWindow"/> sizes how many sends may be in flight. Kept as the minimum
/// of the current ten-second bucket and the one before, so it follows a server that becomes slower within twenty
/// seconds instead of remembering one fast answer for ever. Not thread-safe: the window calls it under its lock.
/// </summary>
internal sealed class RoundTripFloor
{
    private static readonly TimeSpan Bucket = TimeSpan.FromSeconds(10);
    private TimeSpan _current = TimeSpan.MaxValue;
    private TimeSpan _previous = TimeSpan.MaxValue;
    private DateTimeOffset _bucketEnds = DateTimeOffset.MinValue;

    /// <summary>The floor, or null before any send came back (in the last twenty seconds).</summary>
    public TimeSpan? Value(DateTimeOffset now)
    {
        Roll(now);
        var floor = _current < _previous ? _current : _previous;
        return floor == TimeSpan.MaxValue ? null : floor;
    }

    public void Record(TimeSpan roundTrip, DateTimeOffset now)
    {
        Roll(now);
        roundTrip = roundTrip < TimeSpan.Zero ? TimeSpan.Zero : roundTrip;
        if (roundTrip < _current)
        {
            _current = roundTrip;
        }
    }

    private void Roll(DateTimeOffset now)
    {
        if (now < _bucketEnds)
        {
            return;
        }

        // A gap longer than a bucket leaves nothing worth remembering in the previous one either.
        _previous = now < _bucketEnds + Bucket ? _current : TimeSpan.MaxValue;
        _current = TimeSpan.MaxValue;
        _bucketEnds = now + Bucket;
    }
}
