namespace CryptoDigest;

/// <summary>
/// Exponential backoff, the one every retry loop and failure schedule uses: before retry
/// <c>attempt</c> (1 for the first) wait <see cref="First"/> doubled once per earlier attempt, at most
/// <see cref="Cap"/>. With <see cref="Jitter"/>, a random share of that wait is taken off, so callers that
/// failed together do not all come back at the same instant. Each caller keeps its own first wait and cap;
/// the arithmetic lives here once (as Polly keeps it in its RetryHelper).
/// </summary>
public sealed record Backoff(TimeSpan First, TimeSpan Cap)
{
    /// <summary>The share of each wait (0 to 1) that may be taken off at random; 0, the default, waits exactly.</summary>
    public double Jitter
    {
        get;
        init => field = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Jitter), value, "Jitter is a share of the wait, from 0 to 1.");
    }

    /// <summary>Draws a number in [0, 1) for the jitter: Random.Shared, or a fixed source in a test.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;

    /// <summary>The wait before retry number <paramref name="attempt"/> (1 for the first; anything lower counts as 1).</summary>
    public TimeSpan Delay(int attempt)
    {
        // Doubled in floating point and compared with the cap before converting back, so no number of attempts overflows.
        var ticks = First.Ticks * Math.Pow(2, Math.Max(attempt, 1) - 1);
        var delay = ticks >= Cap.Ticks ? Cap : TimeSpan.FromTicks((long)ticks);
        return Jitter > 0 ? delay - (delay * (Jitter * Random())) : delay;
    }
}
