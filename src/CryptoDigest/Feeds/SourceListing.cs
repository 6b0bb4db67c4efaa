using System.Globalization;
using System.Text;
using CryptoDigest.Feeds.Email;
using CryptoDigest.Replies;
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
    /// The frame is in <paramref name="texts"/>' language; names, the operator's descriptions,
    /// the platforms' errors and the recorded fetch status are shown as they are.
    /// </summary>
    public async Task<string> ListAsync(ReplyTexts texts, CancellationToken cancellationToken)
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
            lines.Add(Line(configured.Name.Trim(), configured.Description, configured.Enabled, hasFeed, configured.ReceivesEmail && email.Value.IsConfigured, source, texts));
        }

        foreach (var source in byName.Values.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase))
        {
            lines.Add(Line(source.Name, source.Description, source.Enabled, source.FeedUrl is not null, byEmail: false, source, texts));
        }

        if (lines.Count == 0)
        {
            return texts["Sources.None"];
        }

        if (await db.Articles.AnyAsync(a => a.IsSample, cancellationToken))
        {
            lines.Add(texts["Sources.SampleNote"]);
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

    private string Line(string name, string description, bool enabled, bool hasFeed, bool byEmail, NewsletterSource? source, ReplyTexts texts)
    {
        var text = new StringBuilder("• ").Append(name);
        if (!string.IsNullOrWhiteSpace(description))
        {
            text.Append(" - ").Append(description.Trim());
        }

        text.Append(". ");
        if (!hasFeed && !byEmail)
        {
            return text.Append(texts["Sources.NoFeed"]).ToString();
        }

        if (!enabled)
        {
            return text.Append(texts["Sources.Disabled"]).ToString();
        }

        if (byEmail)
        {
            text.Append(source?.LastEmailIssueAt is { } issued ? texts.Format("Sources.ByEmailLast", Format(issued)) : texts["Sources.ByEmailNone"]).Append(' ');
            if (!hasFeed)
            {
                return text.ToString().TrimEnd();
            }
        }

        if (source?.LastFetchedAt is not { } fetchedAt)
        {
            return text.Append(texts["Sources.NotFetched"]).ToString();
        }

        return text.Append(texts.Format("Sources.LastFetch", Format(fetchedAt), FetchOutcome(source, texts))).ToString();
    }

    // "failed (timeout), 3 times in a row; next try ...", or the recorded status of the last fetch.
    private string FetchOutcome(NewsletterSource source, ReplyTexts texts)
    {
        if (source.LastError is not { } error)
        {
            return source.LastStatus ?? "ok";
        }

        var outcome = texts.Format("Sources.FetchFailed", error);
        if (source.ConsecutiveFailures > 1)
        {
            outcome += ", " + texts.Format("Sources.FailedInARow", source.ConsecutiveFailures);
        }

        if (source.NextFetchAt is { } next && next > time.GetUtcNow())
        {
            outcome += "; " + texts.Format("Sources.NextTry", Format(next));
        }

        return outcome;
    }

    private static string Count(int count, string noun) => $"{count.ToString(CultureInfo.InvariantCulture)} {noun}{(count == 1 ? string.Empty : "s")}";

    private static string Format(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
