namespace CryptoDigest.Indices;

/// <summary>
/// CoinGecko ids kept out of every index universe: stablecoins, wrapped and bridged tokens and
/// liquid-staking receipts, which track another asset rather than adding one. An entry ending in
/// "*" matches every id with that prefix (binance-peg-*, bridged-*).
/// </summary>
public sealed class ExclusionList
{
    /// <summary>The default list: the large pegged, wrapped, bridged and staked tokens (docs/market-data.md).</summary>
    public static readonly IReadOnlyList<string> DefaultIds =
    [
        // Stablecoins
        "tether", "usd-coin", "dai", "first-digital-usd", "ethena-usde", "ethena-staked-usde", "usds", "susds",
        "paypal-usd", "true-usd", "frax", "binance-usd", "usdd", "gemini-dollar", "paxos-standard", "ripple-usd",
        "usd1-wrapped-world-liberty-financial", "falcon-finance", "usual-usd", "liquity-usd", "global-dollar",
        "euro-coin", "stasis-eurs", "tether-eurt",
        // Wrapped and bridged
        "wrapped-bitcoin", "weth", "coinbase-wrapped-btc", "wrapped-bnb", "wrapped-solana", "wrapped-avax",
        "binance-peg-*", "bridged-*", "wrapped-*",
        // Liquid staking and restaking receipts
        "staked-ether", "wrapped-steth", "wrapped-eeth", "ether-fi-staked-eth", "rocket-pool-eth", "wrapped-beacon-eth",
        "mantle-staked-ether", "coinbase-wrapped-staked-eth", "lombard-staked-btc", "jito-staked-sol", "msol",
        "binance-staked-sol", "kelp-dao-restaked-eth", "renzo-restaked-eth", "solv-btc",
    ];

    private readonly HashSet<string> ids = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> prefixes = [];

    public ExclusionList(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var raw in entries)
        {
            var entry = raw.Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            if (entry.EndsWith('*'))
            {
                prefixes.Add(entry.TrimEnd('*'));
            }
            else
            {
                ids.Add(entry);
            }
        }
    }

    public static ExclusionList Default { get; } = new(DefaultIds);

    /// <summary>Excludes nothing: the --include-excluded flag.</summary>
    public static ExclusionList None { get; } = new([]);

    public bool Excludes(string id) =>
        ids.Contains(id) || prefixes.Exists(p => id.StartsWith(p, StringComparison.OrdinalIgnoreCase));
}
