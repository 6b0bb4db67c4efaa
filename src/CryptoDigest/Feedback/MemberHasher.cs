using System.Security.Cryptography;
using System.Text;
using CryptoDigest.Replies;
using CryptoDigest.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Feedback;

/// <summary>
/// Turns a member into the keyed hash a vote is stored under: HMAC-SHA256 of "platform:member id". Without the
/// key the hash cannot be tested against guessed ids, so a database copy does not say who voted. The key is
/// Feedback:MemberHashKey, or else one generated on first use and stored (table FeedbackSecrets) for every
/// instance to share; the first instance to store it wins a race. The key is never logged.
/// </summary>
public sealed class MemberHasher(IServiceScopeFactory scopes, IOptions<FeedbackOptions> options, TimeProvider time)
{
    internal const string KeyName = "member-hash-key";

    private readonly SemaphoreSlim _loading = new(1, 1);
    private byte[]? _key;

    public async Task<string> HashAsync(ChatPlatform platform, string memberId, CancellationToken cancellationToken)
    {
        var key = _key ?? await LoadKeyAsync(cancellationToken);
        return Hash(key, platform, memberId);
    }

    /// <summary>The hash under a given key: lower-case hex, 64 characters.</summary>
    public static string Hash(byte[] key, ChatPlatform platform, string memberId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{platform.ToString().ToLowerInvariant()}:{memberId}")));

    private async Task<byte[]> LoadKeyAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_key is null)
            {
                var configured = options.Value.MemberHashKey;
                _key = configured.Length > 0 ? Encoding.UTF8.GetBytes(configured) : await StoredKeyAsync(cancellationToken);
            }

            return _key;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<byte[]> StoredKeyAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DigestDbContext>();
        if (await db.FeedbackSecrets.AsNoTracking().FirstOrDefaultAsync(s => s.Name == KeyName, cancellationToken) is { } stored)
        {
            return Convert.FromBase64String(stored.Value);
        }

        db.FeedbackSecrets.Add(new FeedbackSecret { Name = KeyName, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), CreatedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance stored its key first: every instance must hash with the same one, so take it.
            db.ChangeTracker.Clear();
        }

        var kept = await db.FeedbackSecrets.AsNoTracking().FirstAsync(s => s.Name == KeyName, cancellationToken);
        return Convert.FromBase64String(kept.Value);
    }
}
