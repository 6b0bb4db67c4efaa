using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CryptoDigest.IntegrationTests.Infrastructure;

/// <summary>
/// The real Host executable running `serve` on a free loopback port, until disposed (killed).
/// Ready once /healthz answers; what it logs is kept for assertions and failure messages.
/// </summary>
public sealed class RunningHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly string _workingDirectory;

    private RunningHost(Process process, Uri baseUrl, string workingDirectory)
    {
        _process = process;
        BaseUrl = baseUrl;
        _workingDirectory = workingDirectory;
        Http = new HttpClient { BaseAddress = baseUrl };
    }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<RunningHost> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var workingDirectory = Directory.CreateTempSubdirectory("cryptodigest-serve-").FullName;
        var start = HostProcess.StartInfo(["serve", $"--urls=http://127.0.0.1:{port}"], environment, workingDirectory);
        var process = Process.Start(start) ?? throw new InvalidOperationException("The Host did not start.");
        var host = new RunningHost(process, new Uri($"http://127.0.0.1:{port}/"), workingDirectory);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            if (process.HasExited)
            {
                await host.DisposeAsync();
                throw new InvalidOperationException($"The Host exited with {process.ExitCode} before it was ready:\n{host.Log}");
            }

            try
            {
                using var response = await host.Http.GetAsync(new Uri("healthz", UriKind.Relative), timeout.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException)
            {
                await host.DisposeAsync();
                throw new TimeoutException($"The Host was not ready within 90 s:\n{host.Log}");
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_workingDirectory, recursive: true);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
