namespace CryptoDigest.Benchmarks;

/// <summary>How the stand-in serves: milliseconds of server time per request, and whether its own work runs one request at a time.</summary>
public sealed record StandInServer(int Milliseconds, bool SingleThreaded)
{
    public static StandInServer Fast { get; } = new(0, false);

    public override string ToString() => Milliseconds + " ms" + (SingleThreaded ? ", single-threaded" : "");
}
