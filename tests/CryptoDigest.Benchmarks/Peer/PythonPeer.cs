using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CryptoDigest.Benchmarks.Peer;

/// <summary>The peer could not run: python-telegram-bot 13 is missing for /usr/bin/python3.</summary>
public sealed class PeerUnavailableException(string message) : Exception(message);

/// <summary>
/// The simple peer: a python-telegram-bot 13 script of this folder (copied beside the benchmark), run by
/// Debian's /usr/bin/python3, which is where the python3-python-telegram-bot package installs it (a pyenv
/// or virtualenv python3 on PATH would not see it).
/// </summary>
public static class PythonPeer
{
    public const string Python = "/usr/bin/python3";
    public const string InstallHint = "apt-get install python3-python-telegram-bot";

    private static readonly Lazy<string?> s_version = new(ReadVersion);

    /// <summary>PTB's version for /usr/bin/python3, or null when it cannot be imported.</summary>
    public static string? Version => s_version.Value;

    /// <summary>Whether PTB 13 (the API the scripts are written for) is installed.</summary>
    public static bool IsInstalled => Version?.StartsWith("13.", StringComparison.Ordinal) == true;

    public static void EnsureInstalled()
    {
        if (!IsInstalled)
        {
            throw new PeerUnavailableException(Version is null
                ? $"the peer needs python-telegram-bot 13 for {Python}, which cannot import it; install it with: {InstallHint}"
                : $"the peer needs python-telegram-bot 13 for {Python}, found {Version}; install Debian's package with: {InstallHint}");
        }
    }

    /// <summary>Starts one of the scripts with its standard streams redirected; stderr is collected into <paramref name="errors"/>.</summary>
    public static Process Start(string script, IEnumerable<string> arguments, System.Text.StringBuilder errors)
    {
        EnsureInstalled();
        var start = new ProcessStartInfo(Python)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Peer", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python} {script}.");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Ends a script: closes its input (the scripts stop at end of input), then kills it, by its id, if it did not exit.</summary>
    public static async Task StopAsync(Process process)
    {
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? ReadVersion()
    {
        if (!File.Exists(Python))
        {
            return null;
        }

        var start = new ProcessStartInfo(Python, ["-W", "ignore", "-c", "import telegram; print(telegram.__version__)"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start);
        if (process is null)
        {
            return null;
        }

        var output = process.StandardOutput.ReadToEnd().Trim();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 && output.Length > 0 ? output : null;
    }
}
