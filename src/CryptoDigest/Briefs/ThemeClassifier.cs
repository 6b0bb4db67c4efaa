using CryptoDigest.Knowledge;

namespace CryptoDigest.Briefs;

/// <summary>
/// Puts a story in one section of the brief by counting theme words in its title and summary.
/// A keyword list is enough here: the sections only order the brief, and a miss lands in Markets.
/// </summary>
public static class ThemeClassifier
{
    public const string Markets = "Markets";

    // Ordered: on a tie the earlier, more specific theme wins.
    private static readonly (string Theme, HashSet<string> Words)[] Themes =
    [
        ("Security", Stems("hack", "hacked", "exploit", "exploited", "phishing", "breach", "scam", "drained", "stolen", "attacker", "vulnerability")),
        ("DeFi", Stems("defi", "protocol", "lending", "dex", "yield", "stablecoin", "stablecoins", "liquidity", "tvl", "staking", "restaking", "airdrop", "uniswap", "aave")),
        ("Institutions and flows", Stems("etf", "etfs", "inflow", "inflows", "outflow", "outflows", "fund", "funds", "institutional", "institutions", "blackrock", "flows", "custody", "treasury")),
        ("On-chain", Stems("onchain", "chain", "holders", "addresses", "miners", "hashrate", "hash", "supply", "cohort", "cohorts", "utxo", "fees", "balances")),
        ("Macro", Stems("fed", "rates", "inflation", "dollar", "cpi", "macro", "liquidity", "recession", "bonds", "yields", "gdp", "jobs")),
    ];

    /// <summary>Every section name, for topic filters that name a theme ("+defi").</summary>
    public static IEnumerable<string> ThemeNames => Themes.Select(t => t.Theme).Append(Markets);

    public static string Classify(string text)
    {
        var terms = TextTokenizer.Tokenize(text);
        var best = Markets;
        var bestScore = 0;
        foreach (var (theme, words) in Themes)
        {
            var score = terms.Count(words.Contains);
            if (score > bestScore)
            {
                best = theme;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>The order sections appear in when they have equal weight.</summary>
    public static int Rank(string theme) => theme == Markets ? 0 : 1 + Array.FindIndex(Themes, t => t.Theme == theme);

    private static HashSet<string> Stems(params string[] words) =>
        words.SelectMany(w => TextTokenizer.Tokenize(w)).ToHashSet(StringComparer.Ordinal);
}
