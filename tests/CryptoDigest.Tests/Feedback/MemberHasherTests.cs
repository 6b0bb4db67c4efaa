using System.Security.Cryptography;
using System.Text;
using CryptoDigest.Feedback;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Feedback;

public class MemberHasherTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("a test key of at least thirty-two characters");

    [Fact]
    public void The_hash_is_hmac_sha256_of_platform_and_member_id_in_lower_case_hex()
    {
        var hash = MemberHasher.Hash(Key, ChatPlatform.Telegram, "123456789");

        // RFC 4231-style check against the framework's HMAC, written out independently of the hasher's formatting.
        using var hmac = new HMACSHA256(Key);
        var expected = string.Concat(hmac.ComputeHash(Encoding.UTF8.GetBytes("telegram:123456789")).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected, hash);
        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain("123456789", hash, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_member_hashes_the_same_and_another_key_platform_or_member_differently()
    {
        var hash = MemberHasher.Hash(Key, ChatPlatform.Telegram, "42");

        Assert.Equal(hash, MemberHasher.Hash(Key, ChatPlatform.Telegram, "42"));
        Assert.NotEqual(hash, MemberHasher.Hash(Key, ChatPlatform.Discord, "42"));
        Assert.NotEqual(hash, MemberHasher.Hash(Key, ChatPlatform.Telegram, "43"));
        Assert.NotEqual(hash, MemberHasher.Hash(Encoding.UTF8.GetBytes("another key of at least thirty-two characters"), ChatPlatform.Telegram, "42"));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("short", false)]
    [InlineData("0123456789012345678901234567890", false)]
    [InlineData("01234567890123456789012345678901", true)]
    public void A_configured_key_shorter_than_32_characters_is_refused_naming_the_key(string key, bool valid)
    {
        var results = new FeedbackOptions { MemberHashKey = key }.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new object())).ToList();

        Assert.Equal(valid, results.Count == 0);
        Assert.All(results, r => Assert.StartsWith("Feedback:MemberHashKey", r.ErrorMessage, StringComparison.Ordinal));
    }
}
