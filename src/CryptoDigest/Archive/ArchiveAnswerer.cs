using System.Globalization;
using CryptoDigest.Feeds;
using CryptoDigest.Knowledge;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Archive;

/// <summary>
/// Offline answers about what the newsletters wrote (docs/archive.md, "Answers from the archive"): the most
/// relevant sentence of each relevant issue, quoted and attributed (newsletter, issue date, link), never
/// rephrased; coverage across newsletters for "what do the newsletters say about X"; and, when nothing relevant
/// is found or the passages do not mention a name the question asks about, a plain statement that the
/// newsletters read do not cover it in the window searched, before anything related.
/// </summary>
public sealed class ArchiveAnswerer(ArchiveIndex index, ArchiveSearch search, IServiceScopeFactory scopes, IOptions<ArchiveOptions> options, TimeProvider time)
{
    private const int IssuesQuoted = 3;
    private const int RelatedShown = 2;

    /// <summary>The answer from the archive, or null when the question is not about newsletter content.</summary>
    public async Task<ChatReply?> AnswerAsync(string question, CancellationToken cancellationToken) =>
        await AnswerAsync(question, ReplyTexts.English, cancellationToken);

    /// <summary>As <see cref="AnswerAsync(string, CancellationToken)"/>, the answer's own lines in <paramref name="texts"/>' language (the quotes stay as written).</summary>
    public async Task<ChatReply?> AnswerAsync(string question, ReplyTexts texts, CancellationToken cancellationToken) =>
        (await FindAsync(question, texts, cancellationToken))?.Offline;

    /// <summary>
    /// What the archive holds for the question: the relevant issues (what a model's answer may quote and cite; none when the
    /// offline answer abstains), the window searched and the offline answer; null when the question is not about newsletter content.
    /// </summary>
    public Task<ArchiveFindings?> FindAsync(string question, CancellationToken cancellationToken) =>
        FindAsync(question, ReplyTexts.English, cancellationToken);

    /// <summary>As <see cref="FindAsync(string, CancellationToken)"/>, the offline answer's own lines in <paramref name="texts"/>' language.</summary>
    public async Task<ArchiveFindings?> FindAsync(string question, ReplyTexts texts, CancellationToken cancellationToken)
    {
        var snapshot = await index.GetAsync(cancellationToken);
        var sources = (await ConfiguredSourcesAsync(cancellationToken)).Union(snapshot.Sources, StringComparer.OrdinalIgnoreCase).ToList();
        var parsed = ArchiveQuestion.Parse(question, sources, options.Value.RetentionDays);
        if (parsed is null)
        {
            return null;
        }

        var vector = parsed.Topic.Length > 0 && snapshot.HasVectors ? await search.QueryVectorAsync(parsed.Topic, cancellationToken) : null;
        return Find(parsed, snapshot, vector, (float)options.Value.MinSimilarity, sources.Count, time.GetUtcNow(), texts);
    }

    /// <summary>The answer to a parsed question from one archive snapshot; pure, so the rule is testable on a fixed corpus.</summary>
    public static ChatReply Compose(ArchiveQuestion question, ArchiveSnapshot snapshot, float[]? vector, float minSimilarity, int sourceCount, DateTimeOffset now, ReplyTexts? texts = null) =>
        Find(question, snapshot, vector, minSimilarity, sourceCount, now, texts).Offline;

    /// <summary>The relevant issues and the offline answer to a parsed question from one archive snapshot; pure.</summary>
    public static ArchiveFindings Find(ArchiveQuestion question, ArchiveSnapshot snapshot, float[]? vector, float minSimilarity, int sourceCount, DateTimeOffset now, ReplyTexts? texts = null)
    {
        texts ??= ReplyTexts.English;
        var cutoff = now.AddDays(-question.Days);
        var held = snapshot.Passages.Where(p => p.PublishedAt >= cutoff && question.MatchesSource(p.Source)).ToList();
        var window = Window(held.Count == 0 ? cutoff : held.Min(p => p.PublishedAt), now);
        var about = About(question, texts);
        if (held.Count == 0)
        {
            var none = question.Source is null
                ? texts.Format("Archive.NoneHeld", question.Days, about)
                : texts.Format("Archive.NoneHeldOf", question.Source, question.Days, about);
            return new(question, false, [], window, sourceCount, ChatReply.Text(none));
        }

        // Names typed in lower case ("bybit", "arthur hayes"): words of the topic in no passage and in no common list.
        var archiveWords = new IndexedVocabulary();
        archiveWords.Set("archive", snapshot.Vocabulary);
        question = question with { Names = [.. question.Names.Union(NameWords.Find(question.Topic, archiveWords), StringComparer.OrdinalIgnoreCase)] };
        var issues = RelevantIssues(question, snapshot, vector, minSimilarity, cutoff);
        var named = issues.Where(h => question.Names.All(n => Mentions(h, n))).ToList();
        if (named.Count == 0)
        {
            var missing = question.Names.Where(n => !issues.Any(h => Mentions(h, n))).ToList();
            var what = missing.Count > 0 ? string.Join(", ", missing) : question.Names.Count > 0 ? Together(question.Names, texts) : about;
            var statement = question.Source is null
                ? texts.Format("Archive.NotCovered", what, window)
                : texts.Format("Archive.NotCoveredBy", question.Source, what, window);
            return new(question, true, [], window, sourceCount, Abstain(statement, issues, texts));
        }

        var reply = question.Coverage ? Coverage(named, sourceCount, window, about, texts) : Quotes(question, named, window, about, texts);
        return new(question, true, named, window, sourceCount, reply);
    }

    /// <summary>What the question is about, as the answers write it: “ETF flows”, or "anything" when only a newsletter or a window was named.</summary>
    public static string About(ArchiveQuestion question, ReplyTexts? texts = null) =>
        question.Topic.Length == 0 ? (texts ?? ReplyTexts.English)["Archive.Anything"] : $"“{question.Topic}”";

    // "Bybit with Arthur Hayes": every name the question asks about together.
    private static string Together(IReadOnlyList<string> names, ReplyTexts texts) =>
        names.Skip(1).Aggregate(names[0], (joined, name) => texts.Format("Archive.NamesTogether", joined, name));

    /// <summary>The coverage line, computed here and never by a model: "3 of 10 newsletters wrote about “X”, 1–6 Dec:".</summary>
    public static string CoverageLine(IReadOnlyList<ArchiveHit> issues, int sourceCount, string window, string about, ReplyTexts? texts = null)
    {
        var writers = issues.Select(h => h.Source).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        return (texts ?? ReplyTexts.English).Format("Archive.Coverage", writers, Math.Max(sourceCount, writers), about, window);
    }

    /// <summary>"1–6 Dec", "28 Nov – 6 Dec", or with the years when they differ.</summary>
    public static string Window(DateTimeOffset start, DateTimeOffset end)
    {
        var (from, to) = (start.UtcDateTime, end.UtcDateTime);
        var culture = CultureInfo.InvariantCulture;
        return from.Year != to.Year ? $"{from.ToString("d MMM yyyy", culture)} – {to.ToString("d MMM yyyy", culture)}"
            : from.Month != to.Month ? $"{from.ToString("d MMM", culture)} – {to.ToString("d MMM", culture)}"
            : from.Day != to.Day ? $"{from.Day}–{to.ToString("d MMM", culture)}"
            : to.ToString("d MMM", culture);
    }

    // Issues found by meaning (cosine at least the threshold) or holding at least half the topic's words, best first.
    private static List<ArchiveHit> RelevantIssues(ArchiveQuestion question, ArchiveSnapshot snapshot, float[]? vector, float minSimilarity, DateTimeOffset cutoff)
    {
        bool InWindow(IndexedPassage p) => p.PublishedAt >= cutoff && question.MatchesSource(p.Source);
        if (question.Topic.Length == 0)
        {
            // Nothing asked about but the newsletter or the window: its newest issues, opening sentence first.
            return snapshot.Passages.Where(InWindow)
                .GroupBy(p => p.ArticleId)
                .Select(g => g.MinBy(p => p.PassageId)!)
                .OrderByDescending(p => p.PublishedAt)
                .Select(p => ToHit(p, new HashSet<string>(), 0))
                .ToList();
        }

        var terms = TextTokenizer.Tokenize(question.Topic).ToHashSet(StringComparer.Ordinal);
        return snapshot.Search(question.Topic, vector, minSimilarity, InWindow)
            .Where(m => m.Similarity is not null || WordShare(m.Passage, terms) >= 0.5)
            .GroupBy(m => m.Passage.ArticleId)
            .Select(g => ToHit(g.First().Passage, terms, g.First().Score))
            .ToList();
    }

    private static double WordShare(IndexedPassage passage, IReadOnlySet<string> terms)
    {
        if (terms.Count == 0)
        {
            return 0;
        }

        var held = TextTokenizer.Tokenize(passage.Title + "\n" + passage.Text).ToHashSet(StringComparer.Ordinal);
        return terms.Count(held.Contains) / (double)terms.Count;
    }

    // A name is mentioned when a word of the issue starts with it, case ignored ("ETF" in "ETFs"); compared on the
    // words as written, not the search terms, where "Bybit" would count as any "exchange".
    // A crypto name that is an English word ("near") must be written as a name there too (NameWords.IsMentionedIn).
    private static bool Mentions(ArchiveHit hit, string name) =>
        ArchiveQuestion.Words(hit.Title + " " + hit.Passage).Any(w => w.StartsWith(name, StringComparison.OrdinalIgnoreCase))
        && NameWords.IsMentionedIn(name.ToLowerInvariant(), hit.Title + ". " + hit.Passage);

    private static ArchiveHit ToHit(IndexedPassage p, IReadOnlySet<string> terms, double score) =>
        new(p.ArticleId, p.Source, p.Title, p.Url, p.PublishedAt, p.IsSample, p.PassageId, p.Text, ArchiveSearch.BestSentence(p.Text, terms), score);

    private static ChatReply Abstain(string statement, List<ArchiveHit> related, ReplyTexts texts)
    {
        var blocks = new List<ReplyBlock> { new(null, statement) };
        if (related.Count > 0)
        {
            blocks.Add(new ReplyBlock(null, texts["Archive.Related"]));
            blocks.AddRange(related.Take(RelatedShown).Select(h => Quote(h, texts)));
        }

        return new ChatReply(blocks);
    }

    private static ChatReply Quotes(ArchiveQuestion question, List<ArchiveHit> issues, string window, string about, ReplyTexts texts)
    {
        var heading = question.Source is null ? texts.Format("Archive.Quotes", about, window) : texts.Format("Archive.QuotesOf", question.Source, about, window);
        var blocks = new List<ReplyBlock> { new(null, heading) };
        blocks.AddRange(issues.Take(IssuesQuoted).Select(h => Quote(h, texts)));
        return new ChatReply(blocks);
    }

    private static ChatReply Coverage(List<ArchiveHit> issues, int sourceCount, string window, string about, ReplyTexts texts)
    {
        var bySource = issues.GroupBy(h => h.Source, StringComparer.OrdinalIgnoreCase).ToList();
        var blocks = new List<ReplyBlock> { new(null, CoverageLine(issues, sourceCount, window, about, texts)) };
        blocks.AddRange(bySource.Select(g =>
        {
            var best = g.First();
            var count = texts.Count("Archive.Issues", g.Count());
            return new ReplyBlock($"{g.Key} ({count})", $"“{best.Sentence}”", [Cite(best)]);
        }));
        return new ChatReply(blocks);
    }

    private static ReplyBlock Quote(ArchiveHit hit, ReplyTexts texts) => new(ArchiveReply.Heading(hit, texts), $"“{hit.Sentence}”", [Cite(hit)]);

    /// <summary>An issue's citation: "Glassnode, 3 Dec 2026" with its link, each platform escaping it in its own markup.</summary>
    public static Citation Cite(ArchiveHit hit) => new($"{hit.Source}, {ArchiveReply.IssueDate(hit.PublishedAt)}", hit.Url);

    private async Task<List<string>> ConfiguredSourcesAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        return await db.Sources.AsNoTracking()
            .Where(s => s.Enabled && s.Name != SampleArticles.SourceName)
            .Select(s => s.Name)
            .ToListAsync(cancellationToken);
    }
}
