using System.Globalization;
using System.Text.RegularExpressions;
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
public sealed partial class ArchiveAnswerer(ArchiveIndex index, ArchiveSearch search, SentenceVectors sentences, IServiceScopeFactory scopes, IOptions<ArchiveOptions> options, IOptions<FeedsOptions> feeds, TimeProvider time)
{
    private const int IssuesQuoted = 3;
    private const int RelatedShown = 2;

    // An issue's passages whose sentences may be quoted, and the longest quote of one issue.
    private const int QuotedPassages = 3;

    // English endings that make a word from another (IsDerivedFromIn), longest first.
    private static readonly string[] DerivedEndings = ["ation", "able", "ible", "ment", "ness", "ing", "ers", "ed", "er", "ly"];
    private const int MaxQuoteLength = 800;

    // The best issue's quote also carries its best sentences by the quote's score up to this many: members ask about one
    // piece, and the figure they want often sits a sentence or two from the one that names the topic best.
    private const int BestIssueSentences = 4;

    // How many words after a project's name its kind may follow ("Saltmarsh, the proof-of-stake chain").
    private const int KindDistance = 6;

    // Words for a chain itself, one as good as another: "the kelvedon chain" is the issue's "Kelvedon network".
    private static readonly HashSet<string> ChainWords = new(StringComparer.OrdinalIgnoreCase) { "chain", "network", "blockchain", "mainnet", "l1" };

    private const double OpeningPenalty = 0.5;
    private const int ShortSentence = 120;

    // A period asked about this short ("mid nov") is read by its weeks: a newsletter's issue of that week comes first.
    private const int ShortPeriodDays = 21;

    // Issues whose sentences are embedded for a coverage answer (one a newsletter): bounds the first answer's embedding time.
    private const int MeaningIssues = 8;

    // What a sentence's cosine similarity to the question is worth against its words: 0.33 of similarity is one more word.
    private const double MeaningWeight = 3;

    // A figure of the kind asked for ("how long": hours) is worth most of a word; the topic words of the one or two sentences
    // before a figure count half and a quarter for it, one word's half at most: a paragraph names its topic, then gives the figures.
    private const double MeasureWeight = 0.75;
    private const double ContextWeight = 0.5;

    // Words that report something happening to a project ("drained", "hacked", "went down"), as news does.
    private static readonly HashSet<string> EventWords = new(StringComparer.Ordinal)
    {
        "drained", "drain", "hacked", "hack", "exploited", "exploit", "rugged", "rug", "depegged", "depeg", "collapsed", "collapse",
        "insolvent", "bankrupt", "halted", "paused", "frozen", "breached", "breach", "compromised", "outage", "delisted", "shut",
        // Asking for news about a thing ("whats the latest on the lantern wallet") is asking what happened to it.
        "latest", "news",
    };

    // Words asking for a thing's news ("any update on", "did they ever fix"), which the knowledge base's dated articles do not carry.
    private static readonly HashSet<string> NewsWords = new(StringComparer.Ordinal) { "update", "updates", "latest", "news", "fix", "fixed", "patched" };

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
        var parsed = ArchiveQuestion.Parse(question, sources, options.Value.RetentionDays, snapshot.Vocabulary);
        if (parsed is null)
        {
            return null;
        }

        var vector = parsed.Topic.Length > 0 && snapshot.HasVectors ? await search.QueryVectorAsync(parsed.Topic, cancellationToken) : null;
        return await FindAsync(parsed, snapshot, vector, (float)options.Value.MinSimilarity, sources.Count, time.GetUtcNow(), sentences, texts, cancellationToken);
    }

    /// <summary>The answer to a parsed question from one archive snapshot; pure, so the rule is testable on a fixed corpus.</summary>
    public static ChatReply Compose(ArchiveQuestion question, ArchiveSnapshot snapshot, float[]? vector, float minSimilarity, int sourceCount, DateTimeOffset now, ReplyTexts? texts = null) =>
        Find(question, snapshot, vector, minSimilarity, sourceCount, now, texts).Offline;

    /// <summary>The relevant issues and the offline answer to a parsed question from one archive snapshot, sentences chosen by words; pure.</summary>
    public static ArchiveFindings Find(ArchiveQuestion question, ArchiveSnapshot snapshot, float[]? vector, float minSimilarity, int sourceCount, DateTimeOffset now, ReplyTexts? texts = null)
    {
        var retrieval = Retrieve(question, snapshot, vector, minSimilarity, sourceCount, now, texts ?? ReplyTexts.English);
        return retrieval.Done ?? Complete(retrieval, null);
    }

    /// <summary>
    /// As <see cref="Find(ArchiveQuestion, ArchiveSnapshot, float[], float, int, DateTimeOffset, ReplyTexts)"/>, the quoted
    /// sentences chosen by meaning as well as by words when the question has a vector: the sentences of the issues an answer
    /// may quote are embedded (once per passage, <see cref="SentenceVectors"/>) and compared with the question.
    /// </summary>
    public static async Task<ArchiveFindings> FindAsync(ArchiveQuestion question, ArchiveSnapshot snapshot, float[]? vector, float minSimilarity, int sourceCount, DateTimeOffset now, SentenceVectors? sentences, ReplyTexts? texts, CancellationToken cancellationToken)
    {
        var retrieval = Retrieve(question, snapshot, vector, minSimilarity, sourceCount, now, texts ?? ReplyTexts.English);
        if (retrieval.Done is { } done)
        {
            return done;
        }

        var meaning = vector is not null && sentences is { IsOn: true } && retrieval.Issues.Count > 0
            ? new SentenceMeaning(vector, await sentences.OfAsync(Quotable(retrieval), cancellationToken))
            : null;
        return Complete(retrieval, meaning);
    }

    // The passages an answer may quote: those of the issues it shows (the best few, or the best of each newsletter for
    // coverage), and of the related issues an abstention offers.
    private static List<IndexedPassage> Quotable(ArchiveRetrieval retrieval)
    {
        var shown = retrieval.Question.Coverage
            ? retrieval.Issues.DistinctBy(i => i.Best.Source, StringComparer.OrdinalIgnoreCase).Take(MeaningIssues)
            : retrieval.Issues.Take(IssuesQuoted);
        return [.. shown.SelectMany(i => i.Passages.Take(QuotedPassages))];
    }

    private static ArchiveRetrieval Retrieve(ArchiveQuestion question, ArchiveSnapshot snapshot, float[]? vector, float minSimilarity, int sourceCount, DateTimeOffset now, ReplyTexts texts)
    {
        var cutoff = now.AddDays(-question.Days);
        var held = snapshot.Passages.Where(p => p.PublishedAt >= cutoff && question.MatchesSource(p.Source)).ToList();
        var window = Window(held.Count == 0 ? cutoff : held.Min(p => p.PublishedAt), now);
        var about = About(question, texts);
        if (held.Count == 0)
        {
            var none = question.Source is null
                ? texts.Format("Archive.NoneHeld", question.Days, about)
                : texts.Format("Archive.NoneHeldOf", question.Source, question.Days, about);
            return new(question, [], window, sourceCount, texts, null, 0) { Done = new(question, false, [], window, sourceCount, ChatReply.Text(none)) };
        }

        // Names typed in lower case ("bybit", "arthur hayes"): words of the topic in no passage and in no common list, and
        // an English word naming a wallet, exchange or chain no issue mentions ("lantern wallet").
        var archiveWords = new IndexedVocabulary();
        archiveWords.Set("archive", snapshot.Vocabulary);
        question = question with { Names = [.. question.Names.Union(FoundNames(question, archiveWords), StringComparer.OrdinalIgnoreCase)] };
        question = question with { Topic = Respelled(question, snapshot.Vocabulary) };
        var (issues, similarity, wordShare) = RelevantIssues(question, snapshot, vector, minSimilarity, cutoff);
        question = question with { Names = [.. question.Names.Union(NamesNoIssueOfTheSourceHolds(question, issues, snapshot), StringComparer.OrdinalIgnoreCase)] };
        issues = NamingFirst(question, question.AsksPerson ? PersonFirst(question, issues) : issues);
        // A time the question names ("mid nov", "after thanksgiving") puts the relevant issues of that time first, the others
        // after them in their order: members' dates are loose, and an issue often reports a month after it ends.
        if (question.Period is { } period)
        {
            issues = InPeriodFirst(issues, period.Resolve(now), period.Month);
        }

        return new(question, issues, window, sourceCount, texts, similarity, wordShare);
    }

    // Names by the rules of NameWords in the topic; a word before a word for what it names ("lantern wallet") only where the
    // member typed the two side by side: the topic drops the small words, so "kelstowe lose in the hack" would read "lose hack".
    private static IEnumerable<string> FoundNames(ArchiveQuestion question, IndexedVocabulary archiveWords)
    {
        var inTopic = NameWords.Find(question.Topic, archiveWords, kindNamed: question.Asked.Length == 0).Where(n => !QuestionPeriod.IsHoliday(n)).ToList();
        if (question.Asked.Length == 0)
        {
            return inTopic;
        }

        var typed = Typed(question);
        inTopic = [.. inTopic.Where(n => n.Split(' ').All(typed.Contains))];

        var topicWords = NameWords.Words(question.Topic).ToHashSet(StringComparer.Ordinal);
        // The newsletter's name is no kind of thing: "how long exactly? coin metrics had it" names no "exactly" coin.
        var asked = question.Source is null ? question.Asked : question.Asked.Replace(question.Source, " ", StringComparison.OrdinalIgnoreCase);
        var byKind = NameWords.Find(asked, archiveWords, kindNamed: true).Except(NameWords.Find(asked, archiveWords, kindNamed: false), StringComparer.Ordinal);
        return inTopic.Concat(byKind.Where(topicWords.Contains));
    }

    // Only words the member typed can be names: the topic also holds words added to search by ("inflows" for "going in").
    // A possessive counts as its name too: "brantwood's" is typed as "brantwoods" and searched as "brantwood".
    private static HashSet<string> Typed(ArchiveQuestion question) =>
        NameWords.Words(question.Asked).Concat(NameWords.Words(Possessive().Replace(question.Asked, string.Empty))).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"['’]s\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Possessive();

    // The issues of the period first; within a short one ("mid nov", "after thanksgiving"), those of the week nearest its
    // middle before the rest, each group in the order of relevance. An issue of a later date whose found passages name the
    // month asked about ("volume reached $1.6 billion in October", written on 21 November) is of the period too.
    private static List<RetrievedIssue> InPeriodFirst(List<RetrievedIssue> issues, (DateTimeOffset From, DateTimeOffset To) period, string? month)
    {
        var (from, to) = period;
        var middle = from + ((to - from) / 2);
        var weekly = (to - from).TotalDays <= ShortPeriodDays;
        bool NamesMonth(RetrievedIssue i) => month is not null && i.Best.PublishedAt > to
            && i.Passages.Any(p => NameWords.WrittenWords(p.Text).Contains(month, StringComparer.Ordinal));
        return [.. issues.OrderBy(i => i.Best.PublishedAt >= from && i.Best.PublishedAt <= to
            ? (weekly ? Math.Round(Math.Abs((i.Best.PublishedAt - middle).TotalDays) / 7) : 0)
            : NamesMonth(i) ? 0 : double.MaxValue)];
    }

    // A topic word that no issue holds but is one slip of the keyboard from a word one does ("lattise", "kestral") is
    // searched as that word, so words alone find the issue; a word taken for a name stays as typed.
    private static string Respelled(ArchiveQuestion question, IReadOnlySet<string> vocabulary)
    {
        string Respell(string word)
        {
            var lower = word.ToLowerInvariant();
            if (lower.Length < 5 || vocabulary.Contains(lower) || NameWords.IsCommon(lower) || question.Names.Contains(lower, StringComparer.OrdinalIgnoreCase))
            {
                return word;
            }

            return vocabulary.Where(known => NameWords.IsOneSlipApart(lower, known)).Order(StringComparer.Ordinal).FirstOrDefault()
                ?? vocabulary.Where(known => NameWords.IsMistypedFor(lower, known)).Order(StringComparer.Ordinal).FirstOrDefault() ?? word;
        }

        return string.Join(' ', question.Topic.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Respell));
    }

    private static ArchiveFindings Complete(ArchiveRetrieval retrieval, SentenceMeaning? meaning)
    {
        var (question, texts, window) = (retrieval.Question, retrieval.Texts, retrieval.Window);
        var terms = TextTokenizer.Tokenize(question.Topic).ToHashSet(StringComparer.Ordinal);
        // A coverage line carries the figures its newsletter gave: each newsletter's quote is chosen as for a figure asked about.
        var quoting = question.Coverage && !question.AsksFigure ? question with { AsksFigure = true, Measure = QuestionMeasure.Level } : question;
        var issues = retrieval.Issues.Select((i, n) => ToHit(i, terms, quoting, meaning, n == 0 && !question.Coverage ? BestIssueSentences : 0)).ToList();
        var about = About(question, texts);
        // Shorthand for words a found issue writes out anywhere ("OI", "HLV", "liqs"), or a country it writes another way
        // ("america" for the United States), names nothing the issues lack.
        var written = retrieval.Issues.Select(i => i.Best.Title + "\n" + string.Join("\n", i.Passages.Concat(i.Rest).Select(p => p.Text))).ToList();
        question = question with { Names = [.. question.Names.Where(n => !written.Any(w => TypedShorthand.IsShorthandIn(n, w) || PlaceNames.IsWrittenIn(n, w)))] };
        var named = issues.Where(h => question.Names.All(n => Mentions(h, n))).ToList();
        if (named.Count == 0)
        {
            var missing = question.Names.Where(n => !issues.Any(h => Mentions(h, n))).ToList();
            var what = missing.Count > 0 ? string.Join(", ", missing) : question.Names.Count > 0 ? Together(question.Names, texts) : about;
            var statement = question.Source is null
                ? texts.Format("Archive.NotCovered", what, window)
                : texts.Format("Archive.NotCoveredBy", question.Source, what, window);
            return new(question, true, [], window, retrieval.SourceCount, Abstain(statement, issues, texts))
            {
                Similarity = retrieval.Similarity, WordShare = retrieval.WordShare, NameNotHeld = issues.Count > 0,
                AsksNamedEvent = question.Names.Count > 0 && ReportsEvent(question.Asked),
                AsksPresentFigure = question.Names.Count > 0 && question.AsksFigure && AsksPresent(question.Asked),
                AsksNews = question.Names.Count > 0 && NameWords.Words(question.Asked).Any(NewsWords.Contains),
            };
        }

        var reply = question.Coverage ? Coverage(named, retrieval.SourceCount, window, about, texts) : Quotes(question, named, window, about, texts);
        var heldNames = NameWords.Words(question.Topic).Distinct(StringComparer.Ordinal)
            .Where(w => w.Length >= 4 && !w.Any(char.IsDigit) && !NameWords.IsEveryday(w) && Mentions(named[0], w)).ToList();
        return new(question, true, named, window, retrieval.SourceCount, reply) { Similarity = retrieval.Similarity, WordShare = retrieval.WordShare, HeldNames = heldNames };
    }

    // The issues naming more of the names the member typed ("grz", "mardale": words of no English list) before those naming
    // fewer, in their order otherwise: an issue telling the story in general words ("the shutdown") is found by its words,
    // while the one naming the token asked about is the one that answers.
    private static List<RetrievedIssue> NamingFirst(ArchiveQuestion question, List<RetrievedIssue> issues)
    {
        var names = TypedRareWords(question, 3);
        if (names.Count == 0)
        {
            return issues;
        }

        int Named(RetrievedIssue issue)
        {
            var text = issue.Best.Title + "\n" + string.Join("\n", issue.Passages.Concat(issue.Rest).Select(p => p.Text));
            return names.Count(n => NameWords.IsMentionedIn(n, text) || TypedShorthand.IsShorthandIn(n, text) || PlaceNames.IsWrittenIn(n, text));
        }

        return [.. issues.OrderByDescending(Named)];
    }

    // A question asking who: the issues with a sentence naming a person beside more of the topic's words come first, in their
    // order otherwise; the issue telling the story best is often not the one naming its founder.
    private static List<RetrievedIssue> PersonFirst(ArchiveQuestion question, List<RetrievedIssue> issues)
    {
        var terms = TextTokenizer.Tokenize(question.Topic).ToHashSet(StringComparer.Ordinal);
        int Naming(RetrievedIssue issue) => issue.Passages.Concat(issue.Rest)
            .SelectMany(p => PassageCutter.Sentences(p.Text))
            .Select(s => new QuotedSentence(s, 0, 0, QuotedSentence.TermsIn(s, terms), false))
            .Where(s => s.NamesPerson)
            .Select(s => s.Terms.Count)
            .DefaultIfEmpty(0)
            .Max();
        return [.. issues.OrderByDescending(Naming)];
    }

    // The topic's words of no common list, at least so long, that the member typed (not those added to search by).
    private static List<string> TypedRareWords(ArchiveQuestion question, int minLength)
    {
        var typed = Typed(question);
        return [.. NameWords.Words(question.Topic).Distinct(StringComparer.Ordinal)
            .Where(w => w.Length >= minLength && !w.Any(char.IsDigit) && !NameWords.IsCommon(w) && !QuestionPeriod.IsHoliday(w) && (question.Asked.Length == 0 || typed.Contains(w)))];
    }

    // A question put to one newsletter about a thing other newsletters named ("what did bankless say about the oxbury hack"):
    // a word of the topic that no common list holds but the archive does is a name, and when none of that newsletter's
    // retrieved issues holds it in any passage, the answer abstains as for a name no issue holds. By meaning alone, an issue
    // of that newsletter on a neighbouring story would otherwise be quoted as if it covered this one.
    // Words are compared whole issue by whole issue, one slip allowed ("realised" in an issue writing "realized").
    private static List<string> NamesNoIssueOfTheSourceHolds(ArchiveQuestion question, IReadOnlyList<RetrievedIssue> issues, ArchiveSnapshot snapshot)
    {
        if (question.Source is null || issues.Count == 0)
        {
            return [];
        }

        var asked = TypedRareWords(question, 4);
        if (asked.Count == 0)
        {
            return [];
        }

        var articles = issues.Select(i => i.Best.ArticleId).ToHashSet();
        var texts = snapshot.Passages.Where(p => articles.Contains(p.ArticleId)).Select(p => p.Title + " " + p.Text).ToList();
        asked.RemoveAll(w => texts.Any(t => PlaceNames.IsWrittenIn(w, t)));
        var held = texts
            .SelectMany(t => ArchiveQuestion.Words(t).Concat(ArchiveQuestion.Words(TypedShorthand.Closed(t))))
            .Select(w => w.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        return [.. asked.Where(w => !held.Any(x => x.StartsWith(w, StringComparison.Ordinal) || NameWords.IsMistypedFor(w, x)))];
    }

    /// <summary>
    /// The answer to a question with no cue for the archive (<see cref="ArchiveQuestion.ParseOpen"/>), when the archive answers it
    /// better than the knowledge base; null when it does not, so the knowledge base's answer (or its abstention) stands.
    /// </summary>
    public async Task<ChatReply?> AnswerOpenAsync(string question, KnowledgeAnswer knowledge, ReplyTexts texts, CancellationToken cancellationToken)
    {
        var snapshot = await index.GetAsync(cancellationToken);
        if (snapshot.Passages.Count == 0)
        {
            return null;
        }

        var sources = (await ConfiguredSourcesAsync(cancellationToken)).Union(snapshot.Sources, StringComparer.OrdinalIgnoreCase).ToList();
        var parsed = ArchiveQuestion.ParseOpen(question, sources, options.Value.RetentionDays, snapshot.Vocabulary);
        var vector = parsed.Topic.Length > 0 && snapshot.HasVectors ? await search.QueryVectorAsync(parsed.Topic, cancellationToken) : null;
        var findings = await FindAsync(parsed, snapshot, vector, (float)options.Value.MinSimilarity, sources.Count, time.GetUtcNow(), sentences, texts, cancellationToken);
        return AnswersBetter(findings, knowledge) ? findings.Offline : null;
    }

    /// <summary>
    /// Whether the archive's answer to a question without a cue beats the knowledge base's: it quotes an issue, and the knowledge
    /// base abstains or its best passage is less close to the question (by meaning when both were ranked by the same model,
    /// else by the share of the question's words).
    /// The archive's abstention for a name its issues on the topic do not mention ("is harbor restaking paying") stands the same
    /// way: those issues are closer to the question than the knowledge base's passage, which then answers something else. It
    /// also stands over any passage that does not name the thing either ("is the osprey wallet bug fixed yet"), and over
    /// every passage when a figure of the present or news is asked (<see cref="ArchiveFindings.AsksPresentFigure"/>,
    /// <see cref="ArchiveFindings.AsksNews"/>).
    /// </summary>
    public static bool AnswersBetter(ArchiveFindings archive, KnowledgeAnswer knowledge) =>
        ((archive.Answers || archive.NameNotHeld) && (knowledge.Abstains || (archive.Similarity is { } a && knowledge.Similarity is { } k
            ? a > k
            : archive.WordShare > knowledge.Coverage)))
        || ((archive.AsksNamedEvent || archive.NameNotHeld) && !archive.Answers && archive.Question.Names.Count > 0 && !Names(knowledge, archive.Question.Names))
        || ((archive.AsksPresentFigure || archive.AsksNews) && !archive.Answers)
        || (archive.Answers && archive.HeldNames.Count > 0 && !Names(knowledge, archive.HeldNames));

    // Whether any of the knowledge answer's passages names one of these.
    private static bool Names(KnowledgeAnswer knowledge, IEnumerable<string> names) =>
        knowledge.Passages.Any(p => names.Any(n => NameWords.IsMentionedIn(n.ToLowerInvariant(), p.Title + ". " + p.Text)));

    private static bool ReportsEvent(string asked) => NameWords.Words(asked).Any(EventWords.Contains);

    // "today", "rn", "this week": the present, which only the newsletters (not the dated articles) report on.
    private static bool AsksPresent(string asked)
    {
        var words = NameWords.Words(asked).ToList();
        return words.Any(w => w is "today" or "currently" or "rn" or "atm" or "now")
            || words.Zip(words.Skip(1)).Any(pair => pair is ("this", "week" or "month"));
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
    private static (List<RetrievedIssue> Issues, float? Similarity, double WordShare) RelevantIssues(ArchiveQuestion question, ArchiveSnapshot snapshot, float[]? vector, float minSimilarity, DateTimeOffset cutoff)
    {
        bool InWindow(IndexedPassage p) => p.PublishedAt >= cutoff && question.MatchesSource(p.Source);
        if (question.Topic.Length == 0)
        {
            // Nothing asked about but the newsletter or the window: its newest issues, opening sentence first.
            return (snapshot.Passages.Where(InWindow)
                .GroupBy(p => p.ArticleId)
                .Select(g => g.MinBy(p => p.PassageId)!)
                .OrderByDescending(p => p.PublishedAt)
                .Select(p => new RetrievedIssue([p], 0, p.PassageId))
                .ToList(), null, 0);
        }

        var terms = TextTokenizer.Tokenize(question.Topic).ToHashSet(StringComparer.Ordinal);
        var found = snapshot.Search(question.Topic, vector, minSimilarity, InWindow).ToList();
        var relevant = Relevant(found, terms);
        // The words asking for a figure ("how much", "how big", "number", "per") say what kind of answer is wanted, not what
        // about: when no passage holds half the words with them, half the words without them will do (they stay searched).
        if (relevant.Count == 0)
        {
            var measureTerms = TextTokenizer.Tokenize(string.Join(' ', ArchiveQuestion.MeasureWords)).ToHashSet(StringComparer.Ordinal);
            // So are the words naming a time ("early December", "halloween"), which order the issues found.
            if (question.Period is not null)
            {
                measureTerms.UnionWith(TextTokenizer.Tokenize(string.Join(' ', question.Topic.Split(' ').Where(QuestionPeriod.IsTimeWord))));
            }

            var aboutTerms = terms.Where(t => !measureTerms.Contains(t)).ToHashSet(StringComparer.Ordinal);
            relevant = aboutTerms.Count > 0 && aboutTerms.Count < terms.Count ? Relevant(found, aboutTerms) : relevant;
        }

        var articles = relevant.Select(m => m.Match.Passage.ArticleId).ToHashSet();
        var openings = snapshot.Passages.Where(p => articles.Contains(p.ArticleId))
            .GroupBy(p => p.ArticleId)
            .ToDictionary(g => g.Key, g => g.Min(p => p.PassageId));
        var byArticle = snapshot.Passages.Where(p => articles.Contains(p.ArticleId)).ToLookup(p => p.ArticleId);
        var issues = relevant
            .GroupBy(m => m.Match.Passage.ArticleId)
            .Select(g => new RetrievedIssue(g.Select(m => m.Match.Passage).ToList(), g.First().Match.Score, openings[g.Key])
            {
                Rest = [.. byArticle[g.Key].Where(p => !g.Any(m => m.Match.Passage.PassageId == p.PassageId)).OrderBy(p => p.PassageId)],
            })
            .ToList();
        return (issues, relevant.Max(m => m.Match.Similarity), relevant.Count == 0 ? 0 : relevant.Max(m => m.Share));
    }

    // The passages found by meaning, or holding at least half the terms, or some of them where the issue's found passages
    // hold half together (an issue names its project in its title and opening, and gives the figure paragraphs later),
    // each with the share of the terms it holds.
    private static List<(PassageMatch Match, double Share)> Relevant(List<PassageMatch> found, IReadOnlySet<string> terms)
    {
        var byIssue = found.GroupBy(m => m.Passage.ArticleId).ToDictionary(g => g.Key, g => IssueShare(g.Select(m => m.Passage), terms));
        return [.. found.Select(m => (Match: m, Share: WordShare(m.Passage, terms)))
            .Where(m => m.Match.Similarity is not null || m.Share >= 0.5 || (m.Share > 0 && byIssue.GetValueOrDefault(m.Match.Passage.ArticleId) >= 0.5))];
    }

    // The share of the terms an issue's found passages hold together, with its title.
    private static double IssueShare(IEnumerable<IndexedPassage> passages, IReadOnlySet<string> terms)
    {
        var held = passages.SelectMany(p => TextTokenizer.Tokenize(p.Title + "\n" + p.Text)).ToHashSet(StringComparer.Ordinal);
        return terms.Count == 0 ? 0 : terms.Count(held.Contains) / (double)terms.Count;
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
    // A name of two words ("near protocol") is mentioned when the issue holds them together; a crypto name that is an
    // English word ("near") must be written as a name there too (NameWords.IsMentionedIn).
    // A ticker may stand between the two words ("Lattice's LAT token" for "lattice token").
    // A project's token or protocol is the project's ("tessarine token" in an issue on Tessarine that says "the token";
    // any DeFi project is a protocol, so an issue need not call it one), and its chain
    // when the issue calls it one a few words on ("saltmarsh chain" in "Saltmarsh, the proof-of-stake chain"), when the project's
    // word is no English one: an English word ("verity chain") names something else in another pairing ("Verity Labs").
    private static bool Mentions(ArchiveHit hit, string name) =>
        name.Split(' ') is [var project, "token" or "tokens" or "protocol"] && !NameWords.IsCommon(project)
            ? Mentions(hit, project)
            : name.Split(' ') is [var chain, "chain" or "network" or "bridge"] && !NameWords.IsCommon(chain)
            ? Mentions(hit, chain) && KindNear(ArchiveQuestion.Words(hit.Title + " " + hit.Found), chain, name.Split(' ')[1])
            : name.Split(' ') is [var bank, "of", var country]
            ? HoldsInOrder(ArchiveQuestion.Words(hit.Title + " " + hit.Found), [bank, "of", country])
            : name.Split(' ') is [var issuer, var currency] && ArchiveQuestion.CurrencyForms(currency) is { Count: > 0 } forms
            ? forms.Any(f => HoldsTogether(ArchiveQuestion.Words(hit.Title + " " + hit.Found), [issuer, f]))
            : name.Contains(' ', StringComparison.Ordinal)
            ? HoldsTogether(ArchiveQuestion.Words(hit.Title + " " + hit.Found), name.Split(' '))
            : (ArchiveQuestion.Words(hit.Title + " " + hit.Found).Any(w => w.StartsWith(name, StringComparison.OrdinalIgnoreCase))
                && NameWords.IsMentionedIn(name.ToLowerInvariant(), hit.Title + ". " + hit.Found))
                || IsMisspeltIn(hit, name) || IsDerivedFromIn(hit, name);

    // A word formed from one the issue writes ("slashable" where it writes "slashing"): an English ending on a stem of
    // four letters or more that begins a word of the issue is no name.
    private static bool IsDerivedFromIn(ArchiveHit hit, string name)
    {
        var lower = name.ToLowerInvariant();
        var ending = DerivedEndings.FirstOrDefault(e => lower.EndsWith(e, StringComparison.Ordinal) && lower.Length - e.Length >= 4);
        return ending is not null && !lower.Contains(' ', StringComparison.Ordinal)
            && ArchiveQuestion.Words(hit.Title + " " + hit.Found).Any(w => w.StartsWith(lower[..^ending.Length], StringComparison.OrdinalIgnoreCase) && w.Length > lower.Length - ending.Length);
    }

    // A name the member misspelt ("ashborne" for "Ashbourne"): no common word, and a word of the issue one slip from it, or
    // two when long (NameWords.IsTwoSlipsApart), that the issue writes as a name, with a capital.
    private static bool IsMisspeltIn(ArchiveHit hit, string name)
    {
        var lower = name.ToLowerInvariant();
        return lower.Length >= 5 && !NameWords.IsCommon(lower) && ArchiveQuestion.Words(hit.Title + " " + hit.Found)
            .Any(w => char.IsUpper(w[0]) && w.ToLowerInvariant() is var known && NameWords.IsMistypedFor(lower, known));
    }

    // The kind written a few words either side of the project's name ("Saltmarsh, the proof-of-stake chain", "the bridge
    // Ambelton"): an issue naming the project as another kind of thing ("Corsham Lend, a lending market") does not hold it.
    private static bool KindNear(List<string> words, string project, string kind) =>
        Enumerable.Range(0, words.Count).Any(i => IsTypedFor(project, words[i])
            && words.Skip(Math.Max(0, i - KindDistance)).Take(Math.Min(i, KindDistance)).Concat(words.Skip(i + 1).Take(KindDistance))
                .Any(w => w.Equals(kind, StringComparison.OrdinalIgnoreCase) || (ChainWords.Contains(kind) && ChainWords.Contains(w))));

    // The project's word as the member typed it for the issue's: the same start, a possessive without its apostrophe
    // ("kettlebys" for "Kettleby's"), or a slip of the keyboard ("halverd" for "Halvard").
    private static bool IsTypedFor(string typed, string written)
    {
        var lower = written.ToLowerInvariant();
        return lower.StartsWith(typed, StringComparison.Ordinal) || (typed.EndsWith('s') && lower == typed[..^1])
            || NameWords.IsMistypedFor(typed, lower);
    }

    // The two words side by side, or with a ticker or a capitalised word between ("Lattice's LAT token", "Ashgrove Bitcoin ETF").
    private static bool HoldsTogether(List<string> words, string[] name) =>
        Enumerable.Range(0, words.Count).Any(i => words[i].Equals(name[0], StringComparison.OrdinalIgnoreCase)
            && ((i + 1 < words.Count && IsKindWritten(words[i + 1], name[1]))
                || (i + 2 < words.Count && (IsTicker(words[i + 1]) || char.IsUpper(words[i + 1][0])) && IsKindWritten(words[i + 2], name[1]))));

    // The kind as typed or in the plural either way: "agent token" is held by "agent tokens".
    private static bool IsKindWritten(string written, string kind) =>
        written.Equals(kind, StringComparison.OrdinalIgnoreCase) || written.Equals(kind + "s", StringComparison.OrdinalIgnoreCase)
        || (kind.EndsWith('s') && written.Equals(kind[..^1], StringComparison.OrdinalIgnoreCase));

    // The words one after another ("Bank of Canada").
    private static bool HoldsInOrder(List<string> words, string[] name) =>
        Enumerable.Range(0, Math.Max(0, words.Count - name.Length + 1))
            .Any(i => name.Select((n, k) => words[i + k].Equals(n, StringComparison.OrdinalIgnoreCase)).All(same => same));

    private static bool IsTicker(string word) => word.Length is >= 2 and <= 6 && word.All(char.IsAsciiLetterUpper);

    // An issue's best passage (for citations and a model's prompt), and the sentences its best passages hold the topic in.
    private static ArchiveHit ToHit(RetrievedIssue issue, IReadOnlySet<string> terms, ArchiveQuestion question, SentenceMeaning? meaning, int bestSentences)
    {
        var p = issue.Best;
        var sentence = QuotedSentences(issue.Passages, terms, question.AsksFigure, issue.OpeningPassageId, meaning, question.Measure, issue.Rest, bestSentences, question.AsksPerson);
        return new(p.ArticleId, p.Source, p.Title, p.Url, p.PublishedAt, p.IsSample, p.PassageId, p.Text, sentence, issue.Score)
        {
            Found = string.Join("\n", issue.Passages.Select(f => f.Text)),
        };
    }

    /// <summary>
    /// What is quoted of an issue: the sentence of its best passages holding most of the topic's terms (a sentence with a
    /// figure first among equals, and ahead by one when the question asks for a figure: "how much", "what level"; the
    /// issue's opening passage, which announces its topics, behind the body at equal terms), then the one adding most
    /// terms the first lacks (or, outside the opening, holding half as many), the sentence after a short best one, for a figure
    /// asked about one of the kind asked ("how long": hours; <see cref="QuestionMeasure"/>) up to two sentences on, weighing the
    /// topic words of the one or two sentences before a figure, and a sentence that goes
    /// on about the last one ("It ...", "This ..."), in the issue's order: a fact and its context often sit in
    /// neighbouring sentences. With <paramref name="bestSentences"/> (the best issue of an answer), its best sentences by
    /// score up to that many as well, and for a figure asked about, the issue's headline figure (its opening's first sentence
    /// with a figure of that kind and a word of the topic). The first sentence of the best passage when none holds a term (found by meaning alone).
    /// With <paramref name="asksPerson"/> ("who founded ..."), a sentence naming a person is ahead by one, as one with a
    /// figure is for a figure, and one next to the best sentence is quoted too when no chosen one names a person.
    /// </summary>
    public static string QuotedSentences(IReadOnlyList<IndexedPassage> passages, IReadOnlySet<string> terms, bool asksFigure, long openingPassageId = -1, SentenceMeaning? meaning = null, QuestionMeasure measure = QuestionMeasure.None, IReadOnlyList<IndexedPassage>? rest = null, int bestSentences = 0, bool asksPerson = false)
    {
        var sentences = passages.Take(QuotedPassages)
            .SelectMany((p, pi) => PassageCutter.Sentences(p.Text).Select((s, si) =>
                new QuotedSentence(s, pi, si, QuotedSentence.TermsIn(s, terms), p.PassageId == openingPassageId)
                {
                    Similarity = meaning?.Similarity(p.PassageId, si),
                }))
            .ToList();
        // The opening passage's sentences give way to the body's at equal terms: it announces what the issue covers.
        // By meaning, a sentence sharing no word with the question can still be the one that answers it.
        QuotedSentence? At(QuotedSentence s, int offset) => sentences.FirstOrDefault(n => n.Passage == s.Passage && n.Index == s.Index + offset);
        // For a figure asked about, the topic words the sentences just before it hold and it does not.
        double Context(QuotedSentence s)
        {
            if (!asksFigure || !s.HasFigure)
            {
                return 0;
            }

            var before = At(s, -1)?.Terms.Where(t => !s.Terms.Contains(t)).ToHashSet(StringComparer.Ordinal) ?? [];
            var earlier = At(s, -2)?.Terms.Count(t => !s.Terms.Contains(t) && !before.Contains(t)) ?? 0;
            return before.Count + (earlier / 2.0);
        }

        double Score(QuotedSentence s) => s.Terms.Count + (asksFigure && s.HasFigure ? 1 : 0) + (asksPerson && s.NamesPerson ? 1 : 0) + (s.Fits(measure) ? MeasureWeight : 0) + (ContextWeight * Math.Min(Context(s), 1))
            - (s.Opening ? OpeningPenalty : 0) + (MeaningWeight * (s.Similarity ?? 0));
        var ranked = sentences.Where(s => s.Terms.Count > 0 || s.Similarity is not null || Context(s) > 0).OrderByDescending(Score).ThenByDescending(s => s.HasFigure).ThenBy(s => s.Passage).ThenBy(s => s.Index).ToList();
        if (ranked.Count == 0)
        {
            return ArchiveSearch.BestSentence(passages[0].Text, terms);
        }

        var chosen = new List<QuotedSentence> { ranked[0] };
        var second = ranked.Skip(1)
            .Select(s => (Sentence: s, Adds: s.Terms.Count(t => !ranked[0].Terms.Contains(t))))
            .OrderByDescending(s => s.Adds).ThenByDescending(s => Score(s.Sentence))
            .FirstOrDefault();
        if (second.Sentence is not null && (second.Adds > 0 || (!second.Sentence.Opening && Score(second.Sentence) * 2 >= Score(ranked[0]))))
        {
            chosen.Add(second.Sentence);
        }

        // A short best sentence ("Aave v4 launched on October 14.") is quoted with the one after it, which says more, or
        // when it closes its paragraph ("Please do not put your rent money in frogs."), with the one before it.
        var after = sentences.FirstOrDefault(s => s.Passage == ranked[0].Passage && s.Index == ranked[0].Index + 1)
            ?? sentences.FirstOrDefault(s => s.Passage == ranked[0].Passage && s.Index == ranked[0].Index - 1);
        if (after is not null && ranked[0].Text.Length < ShortSentence && !chosen.Contains(after))
        {
            chosen.Add(after);
        }

        // So is a short second sentence without a figure ("The timeline is simple and ugly."): it announces the one after it.
        if (chosen.Count > 1 && chosen[1].Text.Length < ShortSentence && !chosen[1].HasFigure
            && sentences.FirstOrDefault(s => s.Passage == chosen[1].Passage && s.Index == chosen[1].Index + 1) is { } following && !chosen.Contains(following))
        {
            chosen.Add(following);
        }

        if (asksFigure)
        {
            AddFigureAndItsTopic(chosen, ranked[0], At, measure, Context(ranked[0]) > 0);
            AddFigureByItsWords(chosen, sentences, terms, measure, Score);
            // Then from the rest of the issue, only a figure with more of its own words than any quoted one.
            AddFigureByItsWords(chosen, [.. RestSentences(passages, rest, terms, openingPassageId)], terms, measure, Score);
        }

        if (asksPerson && !chosen.Any(c => c.NamesPerson)
            && new[] { 1, -1, 2 }.Select(offset => At(ranked[0], offset)).FirstOrDefault(s => s is { NamesPerson: true }) is { } person)
        {
            chosen.Add(person);
        }

        chosen.AddRange(ranked.Take(bestSentences).Where(r => !chosen.Contains(r)).ToList());
        if (bestSentences > 0 && asksFigure)
        {
            AddHeadlineFigure(chosen, sentences.Concat(RestSentences(passages, rest, terms, openingPassageId)), measure);
        }

        // A chosen sentence that goes on about the one before it ("It then dumped 60%") comes with that one, which names "it".
        var antecedents = chosen.Where(c => c.GoesOn)
            .Select(c => sentences.FirstOrDefault(s => s.Passage == c.Passage && s.Index == c.Index - 1))
            .OfType<QuotedSentence>()
            .ToList();
        var byOrder = chosen.Union(antecedents).OrderBy(s => s.Passage).ThenBy(s => s.Index).ToList();
        var next = sentences.FirstOrDefault(s => s.Passage == byOrder[^1].Passage && s.Index == byOrder[^1].Index + 1);
        if (next is not null && next.GoesOn)
        {
            byOrder.Add(next);
        }

        return Joined(Fitted(byOrder, chosen));
    }

    // The sentences within the longest quote, whole: past it, the one chosen last goes first (with the sentence it goes on
    // from or that goes on from it), so a cut never takes the figure out of the middle of a sentence that was chosen for it.
    private static List<QuotedSentence> Fitted(List<QuotedSentence> byOrder, List<QuotedSentence> byChoice)
    {
        int Rank(QuotedSentence s)
        {
            var at = byChoice.IndexOf(s);
            var said = byOrder.FirstOrDefault(n => n.Passage == s.Passage && n.Index == s.Index + 1 && n.GoesOn);
            return at >= 0 ? at : said is not null && byChoice.IndexOf(said) >= 0 ? byChoice.IndexOf(said) : byChoice.Count;
        }

        var kept = byOrder.ToList();
        while (kept.Count > 1 && Length(kept) > MaxQuoteLength)
        {
            var last = kept.Where(s => Rank(s) > 0).MaxBy(Rank);
            if (last is null)
            {
                break;
            }

            kept.RemoveAll(s => Rank(s) == Rank(last));
        }

        return kept;
    }

    private static int Length(List<QuotedSentence> sentences) => sentences.Sum(s => s.Text.Length + 3);

    // A question asking for a figure whose chosen sentences hold none of its kind: the figure is often one or two sentences
    // after the one naming the topic, mid-paragraph, or just before it. And a figure chosen for the topic the sentence before
    // it names (byContext) comes with that sentence when it is short ("The kimchi premium is back.").
    private static void AddFigureAndItsTopic(List<QuotedSentence> chosen, QuotedSentence best, Func<QuotedSentence, int, QuotedSentence?> at, QuestionMeasure measure, bool byContext)
    {
        if (!chosen.Any(c => measure == QuestionMeasure.None ? c.HasFigure : c.Fits(measure)))
        {
            var near = new[] { 1, 2, -1 }.Select(offset => at(best, offset)).OfType<QuotedSentence>().ToList();
            var figure = near.FirstOrDefault(s => s.Fits(measure)) ?? near.FirstOrDefault(s => s.HasFigure && at(best, 2) != s);
            if (figure is not null && !chosen.Contains(figure))
            {
                chosen.Add(figure);
            }
        }

        if (byContext && at(best, -1) is { } topic && topic.Text.Length < ShortSentence && topic.Terms.Any(t => !best.Terms.Contains(t)) && !chosen.Contains(topic))
        {
            chosen.Add(topic);
        }
    }

    // A newsletter states an issue's headline figure in its opening ("saw outflows of US$482m last week"): the opening's first
    // sentence with a figure of the kind asked and a word of the topic is quoted too, ahead of the rest of the issue.
    private static void AddHeadlineFigure(List<QuotedSentence> chosen, IEnumerable<QuotedSentence> issueSentences, QuestionMeasure measure)
    {
        var headline = issueSentences.Where(s => s.Opening)
            .FirstOrDefault(s => (measure == QuestionMeasure.None ? s.HasFigure : s.Fits(measure)) && s.Terms.Count > 0);
        if (headline is not null && !chosen.Any(c => c.Text == headline.Text))
        {
            chosen.Add(headline with { Passage = -1 });
        }
    }

    // The figure whose own words name most of what is asked ("$14.6 billion of bitcoin and ether options notional" for "how
    // much notional expired") is quoted too, when a sentence on the same topic with another figure ranked first: the
    // sentences of one paragraph share its topic words, and only the words beside a figure say what the figure is.
    private static void AddFigureByItsWords(List<QuotedSentence> chosen, List<QuotedSentence> sentences, IReadOnlySet<string> terms, QuestionMeasure measure, Func<QuotedSentence, double> score)
    {
        var nearChosen = chosen.Max(c => c.TermsNearFigure(terms, measure));
        var byWords = sentences.Where(s => !chosen.Contains(s))
            .Select(s => (Sentence: s, Near: s.TermsNearFigure(terms, measure)))
            .Where(s => s.Near > nearChosen)
            .OrderByDescending(s => s.Near).ThenByDescending(s => score(s.Sentence))
            .FirstOrDefault();
        if (byWords.Sentence is not null)
        {
            chosen.Add(byWords.Sentence);
        }
    }

    // The sentences of an issue's other passages (those beyond the quoted ones, and those retrieval passed over), placed after
    // the quoted passages' so the quote keeps its order and its length cut falls on them first.
    private static IEnumerable<QuotedSentence> RestSentences(IReadOnlyList<IndexedPassage> passages, IReadOnlyList<IndexedPassage>? rest, IReadOnlySet<string> terms, long openingPassageId) =>
        passages.Skip(QuotedPassages).Concat(rest ?? []).SelectMany((p, pi) => PassageCutter.Sentences(p.Text).Select((s, si) =>
            new QuotedSentence(s, QuotedPassages + pi, si, QuotedSentence.TermsIn(s, terms), p.PassageId == openingPassageId)));

    // The chosen sentences in the issue's order, " … " where they are not neighbours, cut at the longest quote.
    private static string Joined(List<QuotedSentence> chosen)
    {
        var quote = chosen[0].Text;
        for (var i = 1; i < chosen.Count; i++)
        {
            var adjacent = chosen[i].Passage == chosen[i - 1].Passage && chosen[i].Index == chosen[i - 1].Index + 1;
            quote += (adjacent ? " " : " … ") + chosen[i].Text;
        }

        return quote.Length <= MaxQuoteLength ? quote : quote[..MaxQuoteLength].TrimEnd() + "…";
    }

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

    // The newsletters of the database and of the configuration: on a new instance the configured ones are not in the
    // database until the first ingest, and a question naming one should hear that no issue of it is held yet.
    private async Task<List<string>> ConfiguredSourcesAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        var stored = await db.Sources.AsNoTracking()
            .Where(s => s.Enabled && s.Name != SampleArticles.SourceName)
            .Select(s => s.Name)
            .ToListAsync(cancellationToken);
        return [.. stored.Union(feeds.Value.Sources.Where(s => s.Enabled).Select(s => s.Name), StringComparer.OrdinalIgnoreCase)];
    }
}
