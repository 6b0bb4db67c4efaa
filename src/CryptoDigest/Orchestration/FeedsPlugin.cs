using System.ComponentModel;
using System.Globalization;
using System.Text;
using CryptoDigest.Chat;
using CryptoDigest.Feeds;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace CryptoDigest.Orchestration;

/// <summary>
/// The newsletter sources for /sources. Listing is a read-only kernel function; adding and
/// removing are plain methods the router calls for chat admins, deliberately not kernel
/// functions, so a model can never be talked into fetching an address (docs/security-rules.md, section 2).
/// </summary>
public sealed class FeedsPlugin(IServiceScopeFactory scopes, IOptions<FeedsOptions> options, TimeProvider time)
{
    public const string PluginName = "Feeds";
    public const string ListFunction = "list_sources";

    [KernelFunction(ListFunction)]
    [Description("Lists the newsletters the bot reads, each with what it is best for and the status of its last fetch (time, new items, last error, or that it has no public feed). Read-only.")]
    public async Task<string> ListSourcesAsync(CancellationToken cancellationToken)
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
            lines.Add(Line(configured.Name.Trim(), configured.Description, configured.Enabled, hasFeed, source));
        }

        foreach (var source in byName.Values.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase))
        {
            lines.Add(Line(source.Name, source.Description, source.Enabled, source.FeedUrl is not null, source));
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

    /// <summary>/sources add &lt;url&gt; and /sources remove &lt;name&gt;: chat admins only, and only where the operator allows it.</summary>
    public async Task<ChatReply> EditAsync(ChatRequest request, string action, string argument, CancellationToken cancellationToken)
    {
        if (!options.Value.AllowChatAdminsToEditSources)
        {
            return ChatReply.Text("Sources are managed by the bot's operator here (Feeds:AllowChatAdminsToEditSources is off).");
        }

        if (!request.IsChatAdmin)
        {
            return ChatReply.Text($"Only chat admins can {action} sources.");
        }

        if (string.IsNullOrWhiteSpace(argument))
        {
            return ChatReply.Text(action == "add" ? "Usage: /sources add <feed or site URL>" : "Usage: /sources remove <name>");
        }

        await using var scope = scopes.CreateAsyncScope();
        var sources = scope.ServiceProvider.GetRequiredService<FeedSources>();
        if (action == "add")
        {
            var (source, error) = await sources.AddAsync(argument.Trim(), cancellationToken);
            return ChatReply.Text(source is null
                ? $"Not added: {error}."
                : $"Added {source.Name} ({source.FeedUrl}). It is fetched with the others from now on.");
        }

        var removeError = await sources.RemoveAsync(argument, cancellationToken);
        return ChatReply.Text(removeError is null ? $"Removed {argument.Trim()} and its stored articles." : $"Not removed: {removeError}.");
    }

    private string Line(string name, string description, bool enabled, bool hasFeed, NewsletterSource? source)
    {
        var text = new StringBuilder("• ").Append(name);
        if (!string.IsNullOrWhiteSpace(description))
        {
            text.Append(" - ").Append(description.Trim());
        }

        text.Append(". ");
        if (!hasFeed)
        {
            return text.Append("No public feed, so not fetched.").ToString();
        }

        if (!enabled)
        {
            return text.Append("Disabled by the operator.").ToString();
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

    private static string Format(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
