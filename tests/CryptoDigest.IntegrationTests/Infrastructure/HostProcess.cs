using System.Diagnostics;

namespace CryptoDigest.IntegrationTests.Infrastructure;

/// <summary>What a finished Host process printed and returned.</summary>
public sealed record HostRun(int ExitCode, string StandardOutput, string StandardError);

/// <summary>
/// Runs the real Host executable as a child process, the way operators and scripts do,
/// in a throwaway working folder so its SQLite file never touches the repository.
/// </summary>
public static class HostProcess
{
    /// <summary>How to start the Host with these arguments: in its own folder, with none of the caller's settings.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.HostAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The child must not inherit a developer's or CI's settings.
        start.Environment.Remove("ConnectionStrings__Postgres");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    public static async Task<HostRun> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? standardInput = null)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("cryptodigest-host-").FullName;
        try
        {
            var start = StartInfo(arguments, environment, workingDirectory);

            using var process = Process.Start(start) ?? throw new InvalidOperationException("The Host did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput);
            }

            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The Host did not exit: {string.Join(' ', arguments)}\n{await error}");
            }

            return new HostRun(process.ExitCode, await output, await error);
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }
}
