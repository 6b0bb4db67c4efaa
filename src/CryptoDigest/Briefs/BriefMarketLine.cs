using System.Globalization;
using CryptoDigest.Indices;
using CryptoDigest.Replies;

namespace CryptoDigest.Briefs;

/// <summary>
/// The market line under a brief for chats that turned it on: for the coins the brief's items mention,
/// the price and its 24 h and 7 d change, computed here from CoinGecko's daily history (cached, or the
/// bundled sample, labelled) with the data's date and source. Never written by a model.
/// </summary>
public sealed class BriefMarketLine(MarketData market)
{
    /// <summary>The most coins one line names.</summary>
    public const int MaxCoins = 5;

    /// <summary>The line for these items, dated no later than <paramref name="asOf"/>; null when they mention no coin with figures.</summary>
    public async Task<string?> ComputeAsync(IReadOnlyList<BriefItem> items, DateTimeOffset asOf, ReplyTexts texts, CancellationToken cancellationToken)
    {
        var coins = MentionedCoins(items);
        if (coins.Count == 0)
        {
            return null;
        }

        try
        {
            // The same 365-day histories the index line reads, so both share the cache.
            var histories = await market.GetHistoriesAsync(coins.Select(c => c.Id), 365, cancellationToken);
            return Format(coins, histories, DateOnly.FromDateTime(asOf.UtcDateTime), texts);
        }
        catch (IndexInputException)
        {
            // A document CoinGecko (or a file) sent in a shape we cannot read: no line rather than a wrong one.
            return null;
        }
    }

    /// <summary>The coins the items mention, those mentioned by most items first, at most <see cref="MaxCoins"/>.</summary>
    public static IReadOnlyList<CoinName> MentionedCoins(IReadOnlyList<BriefItem> items)
    {
        var texts = items.Select(i => i.Title + " \n " + i.Summary).Select(raw => (Raw: raw, Words: $" {TopicText.Normalize(raw)} ")).ToList();
        return CoinNames.All
            .Select((coin, rank) => (Coin: coin, Rank: rank, Count: texts.Count(t => new TopicTerm(coin.Id, true, coin).IsIn(t.Raw, t.Words))))
            .Where(c => c.Count > 0)
            .OrderByDescending(c => c.Count).ThenBy(c => c.Rank)
            .Take(MaxCoins)
            .Select(c => c.Coin)
            .ToList();
    }

    /// <summary>"Market on 2026-11-30: BTC $97,000 (24 h +1.2%, 7 d -3.4%); ... (Data: ...)"; null when no coin has figures on that day.</summary>
    public static string? Format(IReadOnlyList<CoinName> coins, HistorySnapshot histories, DateOnly asOf) =>
        Format(coins, histories, asOf, ReplyTexts.English);

    /// <summary>
    /// The line with its words in <paramref name="texts"/>' language. The figures are formatted by code the same
    /// way in every language (invariant digits, $ and %), so a translated line carries exactly the same numbers.
    /// </summary>
    public static string? Format(IReadOnlyList<CoinName> coins, HistorySnapshot histories, DateOnly asOf, ReplyTexts texts)
    {
        var byId = histories.Coins.ToDictionary(h => h.Id, StringComparer.Ordinal);
        var wanted = coins.Where(c => byId.ContainsKey(c.Id)).ToList();
        // The latest day every wanted coin has, never after the brief's own date: a retry reads the same figures.
        var last = wanted.Select(c => byId[c.Id].Prices.LastDate).OfType<DateOnly>().DefaultIfEmpty().Min();
        if (wanted.Count == 0 || last == default)
        {
            return null;
        }

        var day = last < asOf ? last : asOf;
        var parts = new List<string>();
        foreach (var coin in wanted)
        {
            var prices = byId[coin.Id].Prices;
            if (!prices.TryGet(day, out var price) || price <= 0)
            {
                continue;
            }

            parts.Add(texts.Format("Market.Coin", coin.Symbol, Price(price), Change(prices, day, 1, price, texts), Change(prices, day, 7, price, texts)));
        }

        return parts.Count == 0
            ? null
            : texts.Format("Market.Line", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), string.Join("; ", parts), Source(histories.Source, texts));
    }

    // MarketDataSource.Describe in the chat's language; its note (why a refresh failed) is Indices' own diagnostic text.
    private static string Source(MarketDataSource source, ReplyTexts texts) => source.Describe(texts);

    private static string Change(Indices.DailySeries prices, DateOnly day, int daysBack, double price, ReplyTexts texts) =>
        prices.TryGet(day.AddDays(-daysBack), out var before) && before > 0
            ? ((price / before) - 1).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture)
            : texts["Market.NotAvailable"];

    private static string Price(double price) => price switch
    {
        >= 1000 => price.ToString("$#,##0", CultureInfo.InvariantCulture),
        >= 1 => price.ToString("$#,##0.00", CultureInfo.InvariantCulture),
        _ => price.ToString("$0.0000##", CultureInfo.InvariantCulture),
    };
}
