namespace CryptoDigest.Tests.Architecture;

/// <summary>
/// The e-mail reader and the link checker read addresses of real sites (Substack issues, click
/// trackers, lookalike domains) and must never contact them: no HTTP client, no DNS, no sockets in
/// their code. That is also why their tests may hold such addresses as plain data (docs/email.md,
/// docs/link-check.md).
/// </summary>
public class OfflineReadersTests
{
    private static readonly string[] NetworkNames = ["HttpClient", "HttpMessageHandler", "WebRequest", "Dns.", "new Socket", "TcpClient"];

    [Theory]
    [InlineData("src/CryptoDigest/Feeds/Email", new[] { "MailboxIntake.cs", "MailboxIdleListener.cs" })]
    [InlineData("src/CryptoDigest/Security/LinkCheck", new[] { "RefreshPhishingListJob.cs" })]
    public void A_reader_of_untrusted_addresses_names_no_network_api(string folder, string[] allowedNetworkFiles)
    {
        var files = Directory.EnumerateFiles(RepositoryFiles.Find(folder), "*.cs", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        var offenders = files
            .Where(f => !allowedNetworkFiles.Contains(Path.GetFileName(f)))
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && NetworkNames.Any(n => l.Text.Contains(n, StringComparison.Ordinal)))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "network APIs in an offline reader:\n" + string.Join('\n', offenders));
    }
}
