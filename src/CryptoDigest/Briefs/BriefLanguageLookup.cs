using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Briefs;

/// <summary>
/// The language of a chat's active brief, which every command reads before it answers (docs/languages.md). The reads
/// that arrive while one is under way go together in the next, one query for all of them, as the update ledger's
/// claims do: a saturated webhook paid a whole query, context and all, per command for this one column.
/// </summary>
public sealed class BriefLanguageLookup
{
    private const int MaxPerRead = 256;
    private const int ConcurrentReads = 4;

    private readonly IServiceScopeFactory _scopes;
    private readonly GroupCommit<BriefKey, string?> _reads;

    public BriefLanguageLookup(IServiceScopeFactory scopes)
    {
        _scopes = scopes;
        _reads = new(MaxPerRead, ConcurrentReads, ReadAsync);
    }

    /// <summary>The stored language code of the chat's (or forum topic's) active brief; null when it has none.</summary>
    public Task<string?> FindAsync(ChatPlatform platform, string chatId, string? threadId, CancellationToken cancellationToken) =>
        _reads.AddAsync(new BriefKey(platform.ToString(), chatId, threadId ?? string.Empty), cancellationToken);

    private async Task<IReadOnlyList<string?>> ReadAsync(IReadOnlyList<BriefKey> keys)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var found = new Dictionary<BriefKey, string>();
        foreach (var platform in keys.GroupBy(k => k.Platform))
        {
            var chatIds = platform.Select(k => k.ChatId).Distinct().ToList();
            // On the unique (Platform, ChatId, ThreadId) index; a forum's other topics come along and are ignored.
            var rows = await db.Subscriptions.AsNoTracking()
                .Where(s => s.Active && s.Platform == platform.Key && chatIds.Contains(s.ChatId))
                .Select(s => new { s.ChatId, s.ThreadId, s.Language })
                .ToListAsync(CancellationToken.None);
            foreach (var row in rows)
            {
                found[new BriefKey(platform.Key, row.ChatId, row.ThreadId)] = row.Language;
            }
        }

        return [.. keys.Select(k => found.GetValueOrDefault(k))];
    }

    private sealed record BriefKey(string Platform, string ChatId, string ThreadId);
}
