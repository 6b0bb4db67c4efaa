using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Security.LinkCheck;

/// <summary>
/// The known-bad lists in use: the configured files plus the last daily download, read at start and
/// swapped whole after a refresh so a check never sees half a list. A list that cannot be read is
/// skipped with a warning: the protected brands and heuristics still work without it.
/// </summary>
public sealed partial class PhishingListStore(IOptions<LinkCheckOptions> options, ILogger<PhishingListStore> logger)
{
    private readonly Lock gate = new();
    private PhishingLists? current;

    public PhishingLists Current
    {
        get
        {
            lock (gate)
            {
                return current ??= Read();
            }
        }
    }

    /// <summary>Reads the files again (after the refresh job wrote a new download).</summary>
    public PhishingLists Reload()
    {
        var lists = Read();
        lock (gate)
        {
            current = lists;
        }

        return lists;
    }

    private PhishingLists Read()
    {
        var settings = options.Value;
        var paths = settings.ListFiles.Append(settings.ListCachePath).Where(p => !string.IsNullOrWhiteSpace(p)).Distinct().ToList();
        var parsed = new List<(string, string)>();
        foreach (var path in paths.Where(File.Exists))
        {
            try
            {
                var text = File.ReadAllText(path);
                PhishingLists.Parse([(Path.GetFileName(path), text)]);
                parsed.Add((Path.GetFileName(path), text));
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                LogListUnreadable(logger, path, ex.Message);
            }
        }

        var lists = PhishingLists.Parse(parsed);
        LogListsLoaded(logger, parsed.Count, lists.BlockedCount, lists.AllowedCount, lists.FuzzyCount);
        return lists;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The phishing list {Path} could not be read and is skipped: {Error}")]
    private static partial void LogListUnreadable(ILogger logger, string path, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Phishing lists: {Files} file(s), {Blocked} blocked, {Allowed} allowed, {Fuzzy} fuzzy entries")]
    private static partial void LogListsLoaded(ILogger logger, int files, int blocked, int allowed, int fuzzy);
}
