using System.Globalization;

namespace CryptoDigest.Benchmarks;

internal static class Report
{
    private static int s_databases;

    /// <summary>A fresh database name per run within this server.</summary>
    public static string DatabaseName(string scenario, int size) =>
        string.Create(CultureInfo.InvariantCulture, $"{scenario}_{size}_{Interlocked.Increment(ref s_databases)}");

    /// <summary>The warnings and errors the app logged during a run, one line each, with how often.</summary>
    public static void Logs(CountingLoggerProvider logs, TextWriter output)
    {
        foreach (var (key, (count, first)) in logs.Counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var line = first.Split('\n')[0].Trim();
            var sample = line.Length <= 160 ? line : line[..160] + "…";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  logged {count:N0} x {key}: {sample}"));
        }
    }

    public static double Megabytes(long bytes) => bytes / (1024.0 * 1024.0);
}
