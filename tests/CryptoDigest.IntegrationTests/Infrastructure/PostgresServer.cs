using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Npgsql;

namespace CryptoDigest.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for integration tests, run from the machine's own server binaries
/// in a fresh temp folder on a free loopback port with trust authentication.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _binDir;
    private readonly string _root;
    private readonly string? _runAs;
    private readonly ConcurrentQueue<string> _issuedConnectionStrings = new();
    private Process? _server;
    private PosixSignalRegistration? _sigterm;
    private int _port;
    private int _disposed;
    private string? _lastProbeError;

    private PostgresServer(string binDir, string root, string? runAs)
    {
        _binDir = binDir;
        _root = root;
        _runAs = runAs;
    }

    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres";

    private string DataDir => Path.Combine(_root, "data");

    private string LogFile => Path.Combine(_root, "server.log");

    // Tells our server from any other on the same port, and names its processes in ps.
    private string ClusterName => Path.GetFileName(_root);

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var binDir = await FindBinDirAsync();
        // PostgreSQL refuses to run as root; the postgres user exists wherever the Debian package is installed.
        var runAs = !Environment.IsPrivilegedProcess ? null : (await RunAsync(["id", "-u", "postgres"])).ExitCode == 0 ? "postgres" : "nobody";
        // The unprivileged user must reach the folder, so as root it lives in /tmp rather than a possibly private TMPDIR.
        var root = runAs is null
            ? Directory.CreateTempSubdirectory("pgtest-").FullName
            : Directory.CreateDirectory(Path.Combine("/tmp", $"pgtest-{Guid.NewGuid():N}")).FullName;
        var server = new PostgresServer(binDir, root, runAs);
        AppDomain.CurrentDomain.ProcessExit += server.OnProcessExit;
        // Since .NET 10 a SIGTERM no longer raises ProcessExit, so it is caught as well.
        server._sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => server.OnProcessExit(null, EventArgs.Empty));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            await server.InitAndLaunchAsync(timeout.Token);
            return server;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var message = $"PostgreSQL did not accept connections on port {server._port} within {StartTimeout.TotalSeconds} s "
                + $"(last attempt: {server._lastProbeError}).{server.LogTail()}";
            await server.DisposeAsync();
            throw new TimeoutException(message);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an empty database and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync(ct);
            var quoted = "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var command = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
            await command.ExecuteNonQueryAsync(ct);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
        _issuedConnectionStrings.Enqueue(connectionString);
        return connectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        _sigterm?.Dispose();
        // Pooled connections would outlive the server and break whoever gets this port next.
        foreach (var connectionString in _issuedConnectionStrings)
        {
            using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }

        await RunAsync(CleanupCommand(), "/");
        if (_server is { HasExited: false } server && !server.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            server.Kill(entireProcessTree: true);
        }

        _server?.Dispose();
    }

    // vstest kills the test host about 100 ms after asking it to exit, so the cleanup runs in a shell that outlives us.
    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            using var cleanup = Process.Start(StartInfo(CleanupCommand(), capture: false, "/"));
            cleanup?.WaitForExit(TimeSpan.FromSeconds(15));
        }
    }

    // Unlike a kill, pg_ctl lets the postmaster take its backends and shared memory down with it.
    private string[] CleanupCommand()
    {
        var stop = Shell($"{Q(Bin("pg_ctl"))} stop -D {Q(DataDir)} -m immediate -t 10 >> {Q(LogFile)} 2>&1");
        var stopIfRunning = _server is { HasExited: false } ? string.Join(' ', stop.Select(Q)) + "; " : "";
        return ["/bin/sh", "-c", $"{stopIfRunning}rm -rf {Q(_root)}"];
    }

    private async Task InitAndLaunchAsync(CancellationToken ct)
    {
        if (_runAs is not null)
        {
            await RunCheckedAsync("chown", ["chown", _runAs, _root]);
        }

        // --no-sync and the settings below trade durability for speed: the data is thrown away anyway.
        await RunCheckedAsync("initdb", Shell($"{Q(Bin("initdb"))} -D {Q(DataDir)} -U postgres --auth=trust -E UTF8 --locale=C --no-sync >> {Q(LogFile)} 2>&1"));
        ct.ThrowIfCancellationRequested();
        for (var attempt = 1; ; attempt++)
        {
            _port = FreePort();
            var server = Launch();
            if (await WaitUntilReadyAsync(server, ct))
            {
                _issuedConnectionStrings.Enqueue(ConnectionString);
                return;
            }

            // The free port can be taken by someone else before postgres binds it; pick another.
            var log = LogTail();
            if (attempt < 3 && log.Contains("could not bind", StringComparison.Ordinal))
            {
                continue;
            }

            throw new InvalidOperationException($"PostgreSQL exited during startup with code {server.ExitCode}.{log}");
        }
    }

    /// <summary>
    /// Stops the server as an outage would look to the bot (a fast shutdown: every connection is closed),
    /// keeping its data, so <see cref="StartAgainAsync"/> brings the same databases back on the same port.
    /// </summary>
    public async Task StopAsync()
    {
        await RunCheckedAsync("pg_ctl stop", Shell($"{Q(Bin("pg_ctl"))} stop -D {Q(DataDir)} -m fast -t 30 >> {Q(LogFile)} 2>&1"));
        await _server!.WaitForExitAsync();
    }

    /// <summary>Starts the server <see cref="StopAsync"/> stopped, on the same port, and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        if (!await WaitUntilReadyAsync(Launch(), timeout.Token))
        {
            throw new InvalidOperationException($"PostgreSQL did not start again on port {_port}.{LogTail()}");
        }
    }

    // The postgres process on _port, in the foreground of a shell this class owns.
    private Process Launch()
    {
        var options = $"-p {_port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={Q(_root)} -c cluster_name={ClusterName} "
            + "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            // Every test database has its own connection pool whose idle connections outlive the test.
            + "-c max_connections=1000 -c shared_buffers=32MB";
        _server?.Dispose();
        _server = Process.Start(StartInfo(Shell($"exec {Q(Bin("postgres"))} -D {Q(DataDir)} {options} >> {Q(LogFile)} 2>&1"), capture: false, _root))
            ?? throw new InvalidOperationException("Could not start postgres.");
        return _server;
    }

    private async Task<bool> WaitUntilReadyAsync(Process server, CancellationToken ct)
    {
        var probe = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, Timeout = 5 }.ConnectionString;
        while (!server.HasExited)
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync(ct);
                // If another server got the port first, it answers here while ours fails to bind and exits.
                await using var command = new NpgsqlCommand("SHOW cluster_name", connection);
                if ((string?)await command.ExecuteScalarAsync(ct) == ClusterName)
                {
                    return true;
                }

                _lastProbeError = "another server answers on this port";
            }
            catch (NpgsqlException ex)
            {
                // Refused, or "the database system is starting up": not ready yet.
                _lastProbeError = ex.Message;
            }

            await Task.Delay(50, ct);
        }

        return false;
    }

    private static async Task<string> FindBinDirAsync()
    {
        static bool HasServer(string? dir) =>
            dir is not null && new[] { "initdb", "pg_ctl", "postgres" }.All(name => File.Exists(Path.Combine(dir, name)));

        if (Environment.GetEnvironmentVariable("POSTGRES_BIN") is { Length: > 0 } fromEnv)
        {
            return HasServer(fromEnv) ? fromEnv : throw NotFound($"POSTGRES_BIN is '{fromEnv}', which has no initdb, pg_ctl and postgres.");
        }

        // pg_config also comes with libpq-dev alone, so its bindir is used only if the server is really there.
        if (FindExecutable("pg_config") is { } pgConfig && await RunAsync([pgConfig, "--bindir"]) is (0, var output)
            && HasServer(output.Trim()))
        {
            return output.Trim();
        }

        var newest = (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
            .OrderByDescending(dir => decimal.TryParse(Path.GetFileName(dir), NumberStyles.Number, CultureInfo.InvariantCulture, out var version) ? version : -1)
            .Select(dir => Path.Combine(dir, "bin"))
            .FirstOrDefault(HasServer);
        if (newest is not null)
        {
            return newest;
        }

        // Follow symlinks such as /usr/local/bin/initdb so pg_ctl and postgres are looked up beside the real binary.
        var initdb = FindExecutable("initdb");
        var onPath = initdb is null ? null : Path.GetDirectoryName(new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb);
        return HasServer(onPath) ? onPath! : throw NotFound("Looked at POSTGRES_BIN, pg_config --bindir, /usr/lib/postgresql/*/bin and PATH.");
    }

    private static InvalidOperationException NotFound(string detail) => new(
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) are needed for the integration tests but were not found. "
        + $"{detail} Install them with `sudo apt-get install -y postgresql` (Debian/Ubuntu), "
        + "or set POSTGRES_BIN to the folder that holds them (e.g. /usr/lib/postgresql/16/bin).");

    private static string? FindExecutable(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Q(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private string Bin(string name) => Path.Combine(_binDir, name);

    /// <summary>A /bin/sh command line; PostgreSQL refuses to run as root, so as root it runs as the unprivileged user.</summary>
    private string[] Shell(string command) => _runAs switch
    {
        null => ["/bin/sh", "-c", command],
        _ when FindExecutable("runuser") is { } runuser => [runuser, "-u", _runAs, "--", "/bin/sh", "-c", command],
        _ => ["su", "-s", "/bin/sh", "-c", command, _runAs],
    };

    private string LogTail()
    {
        try
        {
            return "\n--- server log (last lines) ---\n" + string.Join('\n', File.ReadLines(LogFile).TakeLast(25));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private async Task RunCheckedAsync(string what, string[] command)
    {
        var (exitCode, output) = await RunAsync(command, _root);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed with exit code {exitCode}. {output}{LogTail()}");
        }
    }

    // Not cancellable: each command is short, and killing initdb midway leaks a SysV shared memory segment.
    private static async Task<(int ExitCode, string Output)> RunAsync(string[] command, string? workingDirectory = null)
    {
        using var process = Process.Start(StartInfo(command, capture: true, workingDirectory))
            ?? throw new InvalidOperationException($"Could not start {command[0]}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    // The working directory must be one the unprivileged user can enter, or initdb and postgres complain.
    private static ProcessStartInfo StartInfo(string[] command, bool capture, string? workingDirectory) =>
        new(command[0], command.Skip(1))
        {
            UseShellExecute = false,
            RedirectStandardOutput = capture,
            RedirectStandardError = capture,
            WorkingDirectory = workingDirectory ?? "",
        };
}
