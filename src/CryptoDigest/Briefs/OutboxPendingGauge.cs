using CryptoDigest.Storage;
using CryptoDigest.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoDigest.Briefs;

/// <summary>
/// cryptodigest_outbox_pending: deliveries waiting to be sent (pending or claimed), across all instances.
/// Counted in the database at most once per <see cref="CachedReading{T}.MaxAge"/>, however often it is scraped.
/// </summary>
public sealed class OutboxPendingGauge : IBotGauge
{
    private readonly CachedReading<long> _pending;

    public OutboxPendingGauge(IServiceScopeFactory scopes, TimeProvider time) =>
        _pending = new CachedReading<long>(ct => CountAsync(scopes, ct), time);

    public string Name => "cryptodigest.outbox.pending";

    public string Unit => "{delivery}";

    public string Description => "Deliveries in the outbox waiting to be sent (pending or claimed).";

    public long? Read() => _pending.Read();

    private static async Task<long> CountAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        return await db.Deliveries.LongCountAsync(d => d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.Claimed, cancellationToken);
    }
}
