using CryptoDigest.Indices;

namespace CryptoDigest.Briefs;

/// <summary>
/// The coins a topic filter recognises, by symbol, name or CoinGecko id: the coins of the bundled
/// markets page (Indices/Sample, CoinGecko's shape), plus the few nicknames newsletters use for them
/// ("ether" for Ethereum). So `+eth` also keeps an item about Ethereum or ether.
/// </summary>
public static class CoinNames
{
    // Our own short list of common nicknames; a name or symbol is never listed twice.
    private static readonly Dictionary<string, string[]> NicknamesById = new(StringComparer.Ordinal)
    {
        ["bitcoin"] = ["xbt"],
        ["ethereum"] = ["ether"],
        ["binancecoin"] = ["binance coin"],
        ["staked-ether"] = ["steth", "lido"],
        ["avalanche-2"] = ["avalanche"],
        ["hedera-hashgraph"] = ["hedera"],
        ["usd-coin"] = ["usd coin"],
    };

    private static readonly Lazy<IReadOnlyList<CoinName>> Coins = new(Load);

    public static IReadOnlyList<CoinName> All => Coins.Value;

    /// <summary>The coin a member's term names (symbol, name, id or nickname, any case), or null.</summary>
    public static CoinName? Find(string term)
    {
        var wanted = TopicText.Normalize(term);
        return All.FirstOrDefault(c =>
            TopicText.Normalize(c.Symbol) == wanted
            || TopicText.Normalize(c.Name) == wanted
            || TopicText.Normalize(c.Id) == wanted
            || c.Nicknames.Any(n => TopicText.Normalize(n) == wanted));
    }

    private static IReadOnlyList<CoinName> Load() =>
        SampleMarketData.Instance.Markets
            .Where(m => !m.Name.Contains("(sample)", StringComparison.OrdinalIgnoreCase))
            .Select(m => new CoinName(m.Id, m.Symbol.ToUpperInvariant(), m.Name, NicknamesById.GetValueOrDefault(m.Id) ?? []))
            .ToList();
}
