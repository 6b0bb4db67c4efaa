using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MimeKit;

namespace CryptoDigest.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway Dovecot IMAP server for integration tests, run from the machine's own binary with a
/// generated configuration in a temp folder: one passwd-file user whose Maildir the tests fill
/// with messages they build, a free loopback port, and optionally TLS (STARTTLS) with a
/// self-signed certificate made here. As root, the processes run as Dovecot's own users
/// (Dovecot refuses root for logins and mail); otherwise as the current user.
/// </summary>
public sealed class DovecotServer : IAsyncDisposable
{
    public const string Username = "bot";
    public const string Password = "test-password-1";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly string _root;
    private readonly bool _tls;
    private readonly (string User, string Group, int Uid, int Gid)? _mailUser;
    private Process? _master;
    private PosixSignalRegistration? _sigterm;
    private int _disposed;
    private int _sequence;

    private DovecotServer(string root, bool tls, (string, string, int, int)? mailUser)
    {
        _root = root;
        _tls = tls;
        _mailUser = mailUser;
    }

    public int Port { get; private set; }

    /// <summary>SHA-256 of the server certificate (hex), when TLS is on.</summary>
    public string? CertificateThumbprint { get; private set; }

    private string MaildirPath => Path.Combine(_root, "mail", Username, "Maildir");

    private string LogFile => Path.Combine(_root, "dovecot.log");

    private string Greeting => "ready " + Path.GetFileName(_root);

    /// <summary>Starts a server; with <paramref name="tls"/> it offers STARTTLS with a self-signed certificate.</summary>
    public static async Task<DovecotServer> StartAsync(bool tls = false, CancellationToken cancellationToken = default)
    {
        var binary = FindDovecot();
        (string, string, int, int)? mailUser = null;
        if (Environment.IsPrivilegedProcess)
        {
            mailUser = ("dovecot", "dovecot", await IdAsync("-u", "dovecot"), await IdAsync("-g", "dovecot"));
        }

        // Dovecot's unprivileged users must reach the folder, so as root it lives in /tmp.
        var root = mailUser is null
            ? Directory.CreateTempSubdirectory("dovecot-test-").FullName
            : Directory.CreateDirectory(Path.Combine("/tmp", $"dovecot-test-{Guid.NewGuid():N}")).FullName;
        if (mailUser is not null && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
        }

        var server = new DovecotServer(root, tls, mailUser);
        server._sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => server.Kill());
        AppDomain.CurrentDomain.ProcessExit += server.OnProcessExit;
        try
        {
            foreach (var sub in new[] { "cur", "new", "tmp" })
            {
                Directory.CreateDirectory(Path.Combine(server.MaildirPath, sub));
            }

            await server.ChownMailAsync();
            server.WriteConfiguration();
            await server.LaunchAsync(binary, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Puts a message into the Maildir as a mail server would deliver it.</summary>
    public async Task DeliverAsync(MimeMessage message)
    {
        using var stream = new MemoryStream();
        await message.WriteToAsync(FormatOptions.Default, stream);
        await DeliverAsync(stream.ToArray());
    }

    /// <summary>Puts raw bytes into the Maildir, e.g. a deliberately broken message.</summary>
    public async Task DeliverAsync(byte[] raw)
    {
        var name = $"{Interlocked.Increment(ref _sequence):D6}.M{Guid.NewGuid():N}.test";
        var temporary = Path.Combine(MaildirPath, "tmp", name);
        await File.WriteAllBytesAsync(temporary, raw);
        File.Move(temporary, Path.Combine(MaildirPath, "new", name));
        await ChownMailAsync();
    }

    /// <summary>Every message file in the Maildir with its flags (the part after ":2," in its name), new ones with none.</summary>
    public IReadOnlyList<(string Folder, string Flags)> Messages()
    {
        var result = new List<(string, string)>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(_root, "mail", Username, "Maildir"), "*", SearchOption.TopDirectoryOnly).Prepend(MaildirPath).Distinct())
        {
            var folder = dir == MaildirPath ? "INBOX" : Path.GetFileName(dir).TrimStart('.');
            if (folder is "cur" or "new" or "tmp")
            {
                continue;
            }

            foreach (var sub in new[] { "new", "cur" })
            {
                var path = Path.Combine(dir, sub);
                if (!Directory.Exists(path))
                {
                    continue;
                }

                foreach (var file in Directory.GetFiles(path))
                {
                    var name = Path.GetFileName(file);
                    var flags = name.Contains(":2,", StringComparison.Ordinal) ? name[(name.IndexOf(":2,", StringComparison.Ordinal) + 3)..] : string.Empty;
                    result.Add((folder, flags));
                }
            }
        }

        return result;
    }

    /// <summary>Kills the server with its IMAP processes (open connections drop at once); the Maildir stays.</summary>
    public void Kill()
    {
        if (_master is { HasExited: false } master)
        {
            master.Kill(entireProcessTree: true);
            master.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Starts the server again on the same port and Maildir after <see cref="Kill"/>.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => LaunchAsync(FindDovecot(), cancellationToken, keepPort: true);

    /// <summary>
    /// Renumbers the inbox as a server does after a folder is rebuilt: stops the server, gives
    /// the Maildir a new UIDVALIDITY (its index files go, so Dovecot rereads it), starts again.
    /// </summary>
    public async Task ChangeUidValidityAsync(CancellationToken cancellationToken = default)
    {
        Kill();
        var uidList = Path.Combine(MaildirPath, "dovecot-uidlist");
        var lines = await File.ReadAllLinesAsync(uidList, cancellationToken);
        // The header is "3 V<uidvalidity> N<next uid> G<guid>".
        var fields = lines[0].Split(' ');
        var validity = fields.Single(f => f.StartsWith('V'));
        fields[Array.IndexOf(fields, validity)] = "V" + (long.Parse(validity[1..], System.Globalization.CultureInfo.InvariantCulture) + 1000);
        lines[0] = string.Join(' ', fields);
        await File.WriteAllLinesAsync(uidList, lines, cancellationToken);
        foreach (var index in Directory.GetFiles(MaildirPath, "dovecot.index*"))
        {
            File.Delete(index);
        }

        await ChownMailAsync();
        await RestartAsync(cancellationToken);
    }

    /// <summary>The authserv-id of the mail provider the test messages are written as received by (<see cref="Settings"/> trusts it).</summary>
    public const string TrustedAuthservId = "mx.digest.test";

    /// <summary>The settings that point the bot at this server (plaintext on loopback unless TLS is on).</summary>
    public IEnumerable<(string Key, string Value)> Settings()
    {
        yield return ("Email:Host", "127.0.0.1");
        yield return ("Email:Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("Email:Username", Username);
        yield return ("Email:Password", Password);
        yield return ("Email:TimeoutSeconds", "10");
        // The server stands for the operator's mail provider too: it "added" the messages' Authentication-Results headers.
        yield return ("Email:TrustedAuthservId", TrustedAuthservId);
        if (_tls)
        {
            yield return ("Email:TrustedCertificateThumbprint", CertificateThumbprint!);
        }
        else
        {
            yield return ("Email:UseTls", "false");
            yield return ("Email:AllowInsecureLoopback", "true");
        }
    }

    public string LogTail()
    {
        try
        {
            return "\n--- dovecot log (last lines) ---\n" + string.Join('\n', File.ReadLines(LogFile).TakeLast(25));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        _sigterm?.Dispose();
        Kill();
        _master?.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temp folder left behind is harmless.
        }

        return ValueTask.CompletedTask;
    }

    private void OnProcessExit(object? sender, EventArgs e) => Kill();

    private async Task LaunchAsync(string binary, CancellationToken cancellationToken, bool keepPort = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (!keepPort)
            {
                Port = FreePort();
                WriteConfiguration();
            }

            _master?.Dispose();
            _master = Process.Start(new ProcessStartInfo(binary, ["-F", "-c", Path.Combine(_root, "dovecot.conf")])
            {
                UseShellExecute = false,
                RedirectStandardOutput = false,
                RedirectStandardError = false,
                WorkingDirectory = _root,
            }) ?? throw new InvalidOperationException("Could not start dovecot.");

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            try
            {
                if (await WaitUntilReadyAsync(timeout.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Kill();
                throw new TimeoutException($"Dovecot did not greet on port {Port} within {StartTimeout.TotalSeconds} s.{LogTail()}");
            }

            var log = LogTail();
            if (attempt < 3 && !keepPort && log.Contains("Address already in use", StringComparison.Ordinal))
            {
                continue;
            }

            throw new InvalidOperationException($"Dovecot exited during startup with code {_master.ExitCode}.{log}");
        }
    }

    private async Task<bool> WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        while (!_master!.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
                // Our own greeting tells our server from any other that took the port.
                var line = await reader.ReadLineAsync(cancellationToken);
                if (line is not null && line.Contains(Greeting, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            catch (SocketException)
            {
                // Not listening yet.
            }
            catch (IOException)
            {
                // Accepted and closed while starting.
            }

            await Task.Delay(50, cancellationToken);
        }

        return false;
    }

    private void WriteConfiguration()
    {
        var internalUser = _mailUser?.User ?? Environment.UserName;
        var internalGroup = _mailUser?.Group ?? CurrentName("-gn");
        var loginUser = _mailUser is null ? Environment.UserName : "dovenull";
        var uid = _mailUser?.Uid ?? CurrentId("-u");
        var gid = _mailUser?.Gid ?? CurrentId("-g");
        File.WriteAllText(Path.Combine(_root, "users"), $"{Username}:{{PLAIN}}{Password}:{uid}:{gid}::{Path.Combine(_root, "mail", Username)}::\n");
        var ssl = "ssl = no";
        if (_tls)
        {
            WriteCertificate();
            ssl = $"ssl = yes\nssl_cert = <{Path.Combine(_root, "cert.pem")}\nssl_key = <{Path.Combine(_root, "key.pem")}\nssl_min_protocol = TLSv1.2";
        }

        File.WriteAllText(Path.Combine(_root, "dovecot.conf"), $$"""
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{Path.Combine(_root, "run")}}
            state_dir = {{Path.Combine(_root, "state")}}
            log_path = {{LogFile}}
            login_greeting = Dovecot {{Greeting}}
            {{ssl}}
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            default_internal_user = {{internalUser}}
            default_internal_group = {{internalGroup}}
            default_login_user = {{loginUser}}
            first_valid_uid = 1
            mail_location = maildir:~/Maildir
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{Path.Combine(_root, "users")}}
            }
            userdb {
              driver = passwd-file
              args = username_format=%u {{Path.Combine(_root, "users")}}
            }
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service anvil {
              chroot =
            }
            """);
        Directory.CreateDirectory(Path.Combine(_root, "state"));
    }

    private void WriteCertificate()
    {
        if (File.Exists(Path.Combine(_root, "cert.pem")))
        {
            return;
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        using var certificate = request.CreateSelfSigned(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero));
        File.WriteAllText(Path.Combine(_root, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_root, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        CertificateThumbprint = Convert.ToHexString(SHA256.HashData(certificate.RawData));
    }

    private async Task ChownMailAsync()
    {
        if (_mailUser is not { } user)
        {
            return;
        }

        using var chown = Process.Start(new ProcessStartInfo("chown", ["-R", $"{user.Uid}:{user.Gid}", Path.Combine(_root, "mail")]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not start chown.");
        await chown.WaitForExitAsync();
    }

    private static string FindDovecot() =>
        new[] { "/usr/sbin/dovecot", "/usr/local/sbin/dovecot", "/sbin/dovecot" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            "Dovecot (the IMAP server the e-mail tests run against) was not found in /usr/sbin. "
            + "Install it with `sudo apt-get install -y dovecot-imapd` (Debian/Ubuntu); .ci/run does this when it is missing.");

    private static async Task<int> IdAsync(string flag, string user)
    {
        using var process = Process.Start(new ProcessStartInfo("id", [flag, user]) { UseShellExecute = false, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("Could not start id.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"The user '{user}' that Dovecot runs as does not exist; reinstall dovecot-imapd.");
    }

    private static int CurrentId(string flag) => int.Parse(CurrentName(flag), System.Globalization.CultureInfo.InvariantCulture);

    private static string CurrentName(string flag)
    {
        using var process = Process.Start(new ProcessStartInfo("id", [flag]) { UseShellExecute = false, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("Could not start id.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Trim();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
