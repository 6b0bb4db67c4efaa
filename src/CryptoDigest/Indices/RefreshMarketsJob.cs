using Hangfire;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Indices;

/// <summary>
/// The recurring refresh-markets job: keeps the top Market:RefreshTop markets pages in the cache,
/// so chat answers rarely wait for CoinGecko. It does nothing without Market:ApiBaseUrl (the sample
/// needs no refresh); with Market:RefreshTop 0 it only prunes. Each run deletes cached responses older
/// than Market:CacheRetentionDays. No retries: the next run is minutes away, and a failed fetch leaves
/// the last good copy in the cache.
/// </summary>
public sealed class RefreshMarketsJob(MarketData data, IOptions<MarketOptions> options)
{
    public const string RecurringId = "refresh-markets";

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 10)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var market = options.Value;
        if (!market.IsLive)
        {
            return;
        }

        await data.PruneCacheAsync(cancellationToken);
        if (market.RefreshTop > 0)
        {
            await data.GetMarketsAsync(cancellationToken, market.RefreshTop);
        }
    }
}
