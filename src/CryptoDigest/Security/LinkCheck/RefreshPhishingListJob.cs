using System.Text;
using CryptoDigest.Feeds;
using CryptoDigest.Storage;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Security.LinkCheck;

/// <summary>
/// The daily refresh-phishing-list job, registered only when LinkCheck:ListUrl is set: downloads the
/// list through the guarded feed fetcher (size cap, SSRF guard, retries), keeps it only if it parses,
/// replaces the cached file in one move and swaps the lists in use. A failed download keeps the old list.
/// Each run's outcome is recorded for the operator's /status and the "refresh failing two days running" alert.
/// </summary>
public sealed partial class RefreshPhishingListJob(FeedFetcher fetcher, PhishingListStore store, IOptions<LinkCheckOptions> options, ILogger<RefreshPhishingListJob> logger, JobOutcomes outcomes)
{
    public const string RecurringId = "refresh-phishing-list";

    [AutomaticRetry(Attempts = 2)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.ListUrl.Length == 0)
        {
            return;
        }

        try
        {
            await RefreshAsync(settings, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            await outcomes.FailedAsync(RecurringId, $"{ex.GetType().Name}: {ex.Message}", CancellationToken.None);
            throw;
        }

        await outcomes.SucceededAsync(RecurringId, cancellationToken);
    }

    private async Task RefreshAsync(LinkCheckOptions settings, CancellationToken cancellationToken)
    {
        var result = await fetcher.FetchAsync(new Uri(settings.ListUrl), null, null, cancellationToken);
        var text = Encoding.UTF8.GetString(result.Content);
        var lists = PhishingLists.Parse([("download", text)]);
        var path = Path.GetFullPath(settings.ListCachePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".download";
        await File.WriteAllTextAsync(temporary, text, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        store.Reload();
        LogRefreshed(logger, settings.ListUrl, lists.BlockedCount, lists.AllowedCount);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed the phishing list from {Url}: {Blocked} blocked, {Allowed} allowed entries")]
    private static partial void LogRefreshed(ILogger logger, string url, int blocked, int allowed);
}
