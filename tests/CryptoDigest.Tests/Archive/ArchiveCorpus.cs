using System.Collections.Concurrent;
using CryptoDigest.Ai;
using CryptoDigest.Archive;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Tests.Archive;

/// <summary>
/// A fixed corpus of newsletter issues written for these tests, one topic each, and the archive built from it
/// with the bundled local model's vectors: built once per test process and shared (the model loads once). The corpora
/// of Corpora/*.txt (<see cref="FromFile"/>) are built the same way.
/// </summary>
public sealed class ArchiveCorpus
{
    public static readonly DateTimeOffset Today = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<(long Id, string Source, string Title, string Text, int DaysAgo)> Articles { get; } =
    [
        (1, "Glassnode", "Exchange balances slide", "Bitcoin held on exchanges fell to 2.3 million BTC this week, the lowest level since 2018. Withdrawals to self-custody wallets outpaced deposits for a third straight week.", 3),
        (2, "Kaiko Research", "Weekend liquidity", "Order book depth within one percent of the mid price dropped by 40% on Saturday and Sunday. Market makers pull their quotes when trading desks are closed.", 10),
        (3, "The Block", "ETF flows", "Spot bitcoin ETFs took in $1.2 billion of net inflows on Tuesday, led by BlackRock's IBIT. Cumulative inflows since launch now exceed $40 billion.", 1),
        (4, "Hashrate Index", "Hashprice lows", "Miner revenue per terahash hit a record low after the halving. Hashprice pressure forces operators with older rigs to switch them off.", 20),
        (5, "Kaiko Research", "Stablecoin supply", "USDT supply grew by 3 billion tokens in November. Stablecoin issuance tends to rise when traders expect to buy dips.", 40),
        (6, "Security Weekly", "Phishing wave", "A phishing campaign impersonated a hardware wallet vendor with lookalike domains. Victims who typed their recovery phrase lost their funds.", 5),
        (7, "Glassnode", "Staking exits", "Validators waiting to leave the staking queue grew to 16,000 after the upgrade. Unbonding delays now stretch to nine days.", 60),
        (8, "The Block", "Funding flips", "Perpetual futures funding rates turned negative as shorts piled in. Open interest on Binance reached a yearly high.", 2),
    ];

    private static readonly Lazy<ArchiveCorpus> Shared = new(() => new ArchiveCorpus(Articles.Select(a => new CorpusArticle(a.Id, a.Source, a.Title, a.Text, a.DaysAgo)).ToList()));

    // The corpora read from Corpora/*.txt, each built once per process like the fixed one.
    private static readonly ConcurrentDictionary<string, Lazy<ArchiveCorpus>> FromFiles = new(StringComparer.Ordinal);

    private ArchiveCorpus(IReadOnlyList<CorpusArticle> articles)
    {
        var generator = new LocalSentenceEmbeddingGenerator();
        var passages = articles
            .SelectMany(a => PassageCutter.Cut(a.Title, a.Text).Select((text, i) => (Article: a, Text: text, Id: (a.Id * 1000) + i)))
            .ToList();
        var vectors = generator.GenerateAsync(passages.Select(p => p.Text)).GetAwaiter().GetResult();
        var indexed = passages.Select((p, i) => new IndexedPassage(
            p.Id, p.Article.Id, p.Article.Source, p.Article.Title, new Uri($"https://news.example.com/{p.Article.Id}"),
            Today.AddDays(-p.Article.DaysAgo), false, p.Text, vectors[i].Vector.ToArray())).ToList();
        WithVectors = new ArchiveSnapshot(indexed, "with-vectors");
        WordsOnly = new ArchiveSnapshot(indexed.Select(p => p with { Vector = null }).ToList(), "words-only");
        Generator = generator;
        Sources = WithVectors.Sources;
    }

    public static ArchiveCorpus Instance => Shared.Value;

    /// <summary>The archive of the corpus in Corpora/<paramref name="name"/>.txt (built on first use, then shared).</summary>
    public static ArchiveCorpus FromFile(string name) =>
        FromFiles.GetOrAdd(name, n => new Lazy<ArchiveCorpus>(() => new ArchiveCorpus(CorpusFile.Read(n)))).Value;

    /// <summary>The newsletters of the corpus.</summary>
    public IReadOnlyList<string> Sources { get; }

    public ArchiveSnapshot WithVectors { get; }

    public ArchiveSnapshot WordsOnly { get; }

    public LocalSentenceEmbeddingGenerator Generator { get; }

    /// <summary>The sentence vectors an answer quotes by, made with the local model and shared by every test of the process, as the host shares them.</summary>
    public static SentenceVectors Sentences { get; } = new(
        new ArchiveEmbedder(
            new ServiceCollection().AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new LocalSentenceEmbeddingGenerator()).BuildServiceProvider(),
            Options.Create(new AiOptions()),
            Options.Create(new ArchiveOptions())),
        NullLogger<SentenceVectors>.Instance);

    public float[] Embed(string text) => Generator.GenerateAsync([text]).GetAwaiter().GetResult()[0].Vector.ToArray();
}
