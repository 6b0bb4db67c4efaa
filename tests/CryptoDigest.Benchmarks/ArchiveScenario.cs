using System.Diagnostics;
using System.Globalization;
using CryptoDigest.Ai;
using CryptoDigest.Archive;
using CryptoDigest.Knowledge;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CryptoDigest.Benchmarks;

/// <summary>
/// issue 20: the newsletter archive in process. Cuts, embeds (in a second run, with the local model) and indexes
/// synthetic articles, reporting passages per second, the model's load and the peak working set; then builds in-memory archives of synthetic passages
/// (random words, random unit vectors of the model's 384 dimensions) and times hybrid queries at each size
/// (p50, p99), with the working set; then times whole offline answers (the question parsed, retrieval, the passages'
/// sentences scored and the reply written), by words and with the local model. No database: the query path reads memory only.
/// </summary>
public static class ArchiveScenario
{
    public static readonly string[] Known = ["articles", "sizes", "queries", "answers", "no-local"];
    private static readonly string[] Sources = [.. Enumerable.Range(0, 10).Select(i => $"Source {i}")];
    public static readonly string[] Flags = ["no-local"];

    private static readonly string[] Vocabulary =
    [
        "bitcoin", "ether", "exchange", "balances", "inflows", "outflows", "etf", "liquidity", "order", "book", "depth", "miner",
        "hashprice", "halving", "stablecoin", "supply", "funding", "rates", "futures", "open", "interest", "staking", "validator",
        "phishing", "wallet", "custody", "treasury", "yield", "volatility", "options", "basis", "spot", "market", "makers", "weekend",
        "record", "decline", "rally", "week", "month", "quarter", "investors", "traders", "whales", "retail", "institutions", "flows",
    ];

    public static Task<int> RunAsync(Options options, TextWriter output)
    {
        var articles = options.Int("articles", 1000, 1, 100_000);
        var sizes = options.Sizes("sizes", [10_000, 100_000], 100, 1_000_000);
        var queries = options.Int("queries", 200, 10, 100_000);
        var answers = options.Int("answers", 100, 10, 10_000);
        var local = !options.Flag("no-local");
        var random = new Random(20);

        // Without the model first, then with it, so the peak working set of the second row is the one with the model loaded.
        var ingest = new Table("articles", "local model", "passages", "cut ms", "model load ms", "embed ms", "index ms", "passages / s", "working set MB", "peak working set MB");
        foreach (var withModel in local ? new[] { false, true } : [false])
        {
            var (passages, cut, load, embed, indexed) = Ingest(articles, withModel, new Random(20));
            ingest.Add(articles, withModel ? "yes" : "no", passages, cut, load, embed, indexed, passages / ((cut + embed + indexed) / 1000.0),
                WorkingSetMegabytes(), Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\narchive ingest: {articles} synthetic articles cut into passages and indexed in memory{(local ? ", without and with the local model's embeddings" : " (no embeddings)")}\n"));
        output.WriteLine(ingest);

        var search = new Table("passages", "build ms", "query p50 ms", "query p99 ms", "working set MB", "peak working set MB");
        var answered = new Table("passages", "local model", "answers", "first ms", "answer p50 ms", "answer p99 ms");
        var generator = local ? new LocalSentenceEmbeddingGenerator() : null;
        var sentences = generator is null ? null : SentencesOf(generator);
        foreach (var size in sizes)
        {
            var watch = Stopwatch.StartNew();
            var snapshot = new ArchiveSnapshot(SyntheticPassages(size, random), $"bench-{size}");
            var build = watch.Elapsed.TotalMilliseconds;
            var times = Query(snapshot, queries, random);
            search.Add(size, build, Percentile(times, 0.50), Percentile(times, 0.99), WorkingSetMegabytes(), Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0);
            foreach (var withModel in local ? new[] { false, true } : [false])
            {
                var answerTimes = Answer(snapshot, DateTimeOffset.UnixEpoch.AddDays(size / 50 + 1), answers, withModel ? generator : null, withModel ? sentences : null, new Random(size));
                answered.Add(size, withModel ? "yes" : "no", answers, answerTimes.First, Percentile(answerTimes.Sorted, 0.50), Percentile(answerTimes.Sorted, 0.99));
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\narchive queries: {queries} hybrid queries (BM25 and exact cosine over 384 dimensions, fused) per size\n"));
        output.WriteLine(search);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\narchive answers: {answers} offline answers per size, parsed, retrieved and written (with the model: the question embedded and the found passages' sentences embedded once, then cached)\n"));
        output.WriteLine(answered);
        return Task.FromResult(0);
    }

    /// <summary>Whole offline answers to member-like questions, as /ask gives them: the first answer's time apart, since it fills the sentence cache.</summary>
    private static (double First, List<double> Sorted) Answer(ArchiveSnapshot snapshot, DateTimeOffset now, int count, LocalSentenceEmbeddingGenerator? generator, SentenceVectors? sentences, Random random)
    {
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var question = Question(random);
            var watch = Stopwatch.StartNew();
            var parsed = ArchiveQuestion.Parse(question, Sources, 365, snapshot.Vocabulary) ?? ArchiveQuestion.ParseOpen(question, Sources, 365, snapshot.Vocabulary);
            var vector = generator is null || parsed.Topic.Length == 0 ? null : generator.GenerateAsync([parsed.Topic]).GetAwaiter().GetResult()[0].Vector.ToArray();
            ArchiveAnswerer.FindAsync(parsed, snapshot, vector, 0.35f, Sources.Length, now, sentences, null, CancellationToken.None).GetAwaiter().GetResult();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var first = times[0];
        times.Sort();
        return (first, times);
    }

    private static string Question(Random random)
    {
        string Word() => Vocabulary[random.Next(Vocabulary.Length)];
        return random.Next(3) switch
        {
            0 => $"what did {Sources[random.Next(Sources.Length)]} say about {Word()} {Word()}",
            1 => $"what do the newsletters say about {Word()} {Word()} lately",
            _ => $"how much did {Word()} {Word()} change last week",
        };
    }

    private static SentenceVectors SentencesOf(LocalSentenceEmbeddingGenerator generator) => new(
        new ArchiveEmbedder(
            new ServiceCollection().AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(generator).BuildServiceProvider(),
            Microsoft.Extensions.Options.Options.Create(new AiOptions()),
            Microsoft.Extensions.Options.Options.Create(new ArchiveOptions())),
        NullLogger<SentenceVectors>.Instance);

    /// <summary>Cuts the articles, embeds the passages (with the model), and builds the in-memory archive over them (BM25 terms and vectors).</summary>
    private static (int Passages, double CutMs, double LoadMs, double EmbedMs, double IndexMs) Ingest(int articles, bool local, Random random)
    {
        var watch = Stopwatch.StartNew();
        var texts = Enumerable.Range(0, articles)
            .SelectMany(i => PassageCutter.Cut($"Issue {i}", string.Join('\n', Enumerable.Range(0, 4).Select(_ => Paragraph(random)))))
            .ToList();
        var cut = watch.Elapsed.TotalMilliseconds;
        var (load, embed) = (0.0, 0.0);
        float[]?[] vectors = new float[texts.Count][];
        if (local)
        {
            var generator = new LocalSentenceEmbeddingGenerator();
            watch.Restart();
            generator.GenerateAsync(["load"]).GetAwaiter().GetResult();
            load = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            vectors = [.. generator.GenerateAsync(texts).GetAwaiter().GetResult().Select(e => e.Vector.ToArray())];
            embed = watch.Elapsed.TotalMilliseconds;
        }

        watch.Restart();
        var passages = texts.Select((t, i) => new IndexedPassage(i, i / 5, $"Source {i % 10}", $"Issue {i / 5}", null, DateTimeOffset.UnixEpoch, false, t, vectors[i])).ToList();
        _ = new ArchiveSnapshot(passages, local ? "bench-ingest-local" : "bench-ingest");
        return (texts.Count, cut, load, embed, watch.Elapsed.TotalMilliseconds);
    }

    private static List<double> Query(ArchiveSnapshot snapshot, int count, Random random)
    {
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var words = string.Join(' ', Enumerable.Range(0, 3).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));
            var vector = RandomUnitVector(random);
            var watch = Stopwatch.StartNew();
            snapshot.Search(words, vector, 0.1f, _ => true);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times;
    }

    private static List<IndexedPassage> SyntheticPassages(int count, Random random) =>
        Enumerable.Range(0, count)
            .Select(i => new IndexedPassage(i, i / 5, $"Source {i % 10}", $"Issue {i / 5}", null, DateTimeOffset.UnixEpoch.AddDays(i / 50), false, Paragraph(random), RandomUnitVector(random)))
            .ToList();

    /// <summary>Three sentences of 14 random words, each capitalized so the cutter sees sentence ends.</summary>
    private static string Paragraph(Random random) =>
        string.Join(' ', Enumerable.Range(0, 3).Select(_ => Sentence(random)));

    private static string Sentence(Random random)
    {
        var words = string.Join(' ', Enumerable.Range(0, 14).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));
        return char.ToUpperInvariant(words[0]) + words[1..] + ".";
    }

    private static float[] RandomUnitVector(Random random)
    {
        var vector = new float[LocalSentenceEmbeddingGenerator.Dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(random.NextDouble() - 0.5);
        }

        return ExactVectorSearch.Normalize(vector);
    }

    private static double Percentile(List<double> sorted, double share) => sorted[Math.Min(sorted.Count - 1, (int)(share * sorted.Count))];

    private static double WorkingSetMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / 1048576.0;
    }
}
