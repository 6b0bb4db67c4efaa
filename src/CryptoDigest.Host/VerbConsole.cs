namespace CryptoDigest.Host;

/// <summary>
/// The streams a verb talks through, and the one way a verb reports bad usage: a single line
/// "error: ..." on stderr and the exit code (2 unless told otherwise), so scripts can rely on both.
/// </summary>
internal sealed record VerbConsole(TextReader Input, TextWriter Output, TextWriter Error)
{
    public int Fail(string message, int exitCode = HostCommandLine.BadUsage)
    {
        Error.WriteLine($"error: {message.ReplaceLineEndings(" ")}");
        return exitCode;
    }
}
