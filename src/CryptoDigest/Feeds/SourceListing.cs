using System.Globalization;
using System.Text;
using CryptoDigest.Feeds.Email;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Feeds;

/// <summary>
/// What /sources shows: the newsletters the bot reads with the status of each, and the notes only
/// source editors see. Read-only; adding and removing are the /sources command's (Chat/Commands), and
/// none of this is a kernel function (docs/security-rules.md, section 2).
/// </summary>
public sealed class SourceListing(IServiceScopeFactory scopes, IOptions<FeedsOptions> options, IOptions<EmailOptions> email, TimeProvider time)
{
    /// <summary>
    /// Every source, each with what it is best for and the status of its last fetch (time, new items,
    /// last error, or that it has no public feed): the configured ones in the operator's order, then the added ones.
    /// </summary>
    public async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var stored = await db.Sources.AsNoTracking().Where(s => s.Name != SampleArticles.SourceName).ToListAsync(cancellationToken);
        var byName = stored.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

        // Configured sources first, in the operator's order, even before their first fetch; then the added ones.
        var lines = new List<string>();
        foreach (var configured in options.Value.Sources)
        {
            byName.Remove(configured.Name.Trim(), out var source);
            var hasFeed = !string.IsNullOrWhiteSpace(configured.FeedUrl);
            lines.Add(Line(configured.Name.Trim(), configured.Description, configured.Enabled, hasFeed, configured.ReceivesEmail && email.Value.IsConfigured, source));
        }

        foreach (var source in byName.Values.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase))
        {
            lines.Add(Line(source.Name, source.Description, source.Enabled, source.FeedUrl is not null, byEmail: false, source));
        }

        if (lines.Count == 0)
        {
            return "No newsletter sources are configured.";
        }

        if (await db.Articles.AnyAsync(a => a.IsSample, cancellationToken))
        {
            lines.Add("No live feed could be reached yet, so digests use the bundled sample issues (labelled as samples).");
        }

        return string.Join('\n', lines);
    }

    /// <summary>
    /// For source editors only: who added each source added in chat, or
    /// null when there is none. Members' ids are no business of other members or of a model.
    /// </summary>
    public async Task<string?> AddedByNoteAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var added = await db.Sources.AsNoTracking().Where(s => s.AddedByUser).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        if (added.Count == 0)
        {
            return null;
        }

        var entries = added.Select(s => $"{s.Name} by {s.AddedBy ?? "an unrecorded editor"}");
        return $"Added in chat (editors only, {added.Count.ToString(CultureInfo.InvariantCulture)} of {options.Value.MaxUserSources.ToString(CultureInfo.InvariantCulture)} allowed): {string.Join("; ", entries)}.";
    }

    /// <summary>
    /// For source editors only: how many mailbox messages no source
    /// claims, so the operator can add the sender or ignore it, and how many a source claims that
    /// were not authenticated (a forgery, or a wrong Email:TrustedAuthservId). Null without a mailbox.
    /// </summary>
    public async Task<string?> MailboxNoteAsync(CancellationToken cancellationToken)
    {
        if (!email.Value.IsConfigured)
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var cursor = await db.MailboxCursors.AsNoTracking().SingleOrDefaultAsync(c => c.Mailbox == email.Value.MailboxName, cancellationToken);
        if (cursor is null)
        {
            return "Mailbox: not read yet.";
        }

        var note = new StringBuilder("Mailbox (editors only): ")
            .Append(Count(cursor.UnclaimedCount, "unclaimed message")).Append(" (from senders no source claims; left in the mailbox)");
        if (cursor.FailedCount > 0)
        {
            note.Append(", ").Append(Count(cursor.FailedCount, "unreadable message"));
        }

        if (cursor.UnauthenticatedCount > 0)
        {
            note.Append(", ").Append(Count(cursor.UnauthenticatedCount, "unauthenticated message"))
                .Append(" (claiming a source's sender without the mail provider vouching for it; never shown)");
        }

        if (email.Value.TrustsNoHeader)
        {
            note.Append("; no message can be authenticated: Email:TrustedAuthservId is not set");
        }

        if (cursor.LastError is { } error)
        {
            note.Append("; last read failed (").Append(error).Append(')');
        }

        return note.Append('.').ToString();
    }

    private string Line(string name, string description, bool enabled, bool hasFeed, bool byEmail, NewsletterSource? source)
    {
        var text = new StringBuilder("• ").Append(name);
        if (!string.IsNullOrWhiteSpace(description))
        {
            text.Append(" - ").Append(description.Trim());
        }

        text.Append(". ");
        if (!hasFeed && !byEmail)
        {
            return text.Append("No public feed, so not fetched.").ToString();
        }

        if (!enabled)
        {
            return text.Append("Disabled by the operator.").ToString();
        }

        if (byEmail)
        {
            text.Append("By e-mail: ").Append(source?.LastEmailIssueAt is { } issued ? "last issue " + Format(issued) : "no issue received yet").Append(". ");
            if (!hasFeed)
            {
                return text.ToString().TrimEnd();
            }
        }

        if (source?.LastFetchedAt is not { } fetchedAt)
        {
            return text.Append("Not fetched yet.").ToString();
        }

        text.Append("Last fetch ").Append(Format(fetchedAt)).Append(": ");
        if (source.LastError is { } error)
        {
            text.Append("failed (").Append(error).Append(')');
            if (source.ConsecutiveFailures > 1)
            {
                text.Append(", ").Append(source.ConsecutiveFailures.ToString(CultureInfo.InvariantCulture)).Append(" times in a row");
            }

            if (source.NextFetchAt is { } next && next > time.GetUtcNow())
            {
                text.Append("; next try ").Append(Format(next));
            }

            return text.Append('.').ToString();
        }

        return text.Append(source.LastStatus ?? "ok").Append('.').ToString();
    }

    private static string Count(int count, string noun) => $"{count.ToString(CultureInfo.InvariantCulture)} {noun}{(count == 1 ? string.Empty : "s")}";

    private static string Format(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
