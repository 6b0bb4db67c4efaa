using System.Text;
using CryptoDigest.Discord;

namespace CryptoDigest.Tests.Discord;

/// <summary>The test vectors of docs/discord.md ("Receiving interactions"): RFC 8032, a real Discord PING capture, and one signed with the RFC seed.</summary>
public class DiscordSignatureVerifierTests
{
    private const string DiscordPublicKey = "c5568d0facd66bddee281dcb9c8ac02e169c5c20741b215b2539a96bb183c5d6";
    private const string DiscordTimestamp = "1657322078";
    private const string DiscordSignature = "28b4ab5f09cce30c7f7f4ab4b47c311f0ce83dd8fec06d34e402c44d64223be5016f95339e64bdabcbd395e9147afe3f8cd024868330ab41014ae51b5573a009";
    private const string DiscordBody = """{"application_id":"827290144020496384","id":"995105663481028770","token":"aW50ZXJhY3Rpb246OTk1MTA1NjYzNDgxMDI4NzcwOmlReEtWOXNxMTJWYXF4UlRkc2RyVEp0MDdDMlVyem1na0FTT21xNTZQNHR0MUlORDU1bmNCUTZZdTI5akJkb3FycjBuUDltNVp3VVVJbnA0UUkzMG13cVBGWE5qZFQyb1dkZEpqVVFEdmZEcGE2UHV5dFAyTE5rS2c2a2lZNDlx","type":1,"user":{"avatar":"27aeb42cc902f7d8712aa64ff15bfb7d","avatar_decoration":null,"discriminator":"6969","id":"170531778354741248","public_flags":576,"username":"miles"},"version":1}""";

    private const string Rfc8032Test1PublicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private const string SynthesisedSignature = "1695961a47c91a1ec033b819b7e87e3dbc583dd0cee6d1fd0216f58ac87b6228ae531ddbf91fb7bc28d7edf7f08604da16f54624f38a6bc0614e4dc13cd47f0f";

    [Fact]
    public void Verify_real_discord_ping_capture_is_valid()
    {
        var verifier = new DiscordSignatureVerifier(DiscordPublicKey);

        Assert.True(verifier.Verify(DiscordSignature, DiscordTimestamp, Encoding.UTF8.GetBytes(DiscordBody)));
    }

    [Fact]
    public void Verify_real_discord_ping_with_the_timestamp_changed_by_one_is_invalid()
    {
        var verifier = new DiscordSignatureVerifier(DiscordPublicKey);

        Assert.False(verifier.Verify(DiscordSignature, "1657322079", Encoding.UTF8.GetBytes(DiscordBody)));
    }

    [Fact]
    public void Verify_real_discord_ping_with_one_body_byte_changed_is_invalid()
    {
        var verifier = new DiscordSignatureVerifier(DiscordPublicKey);

        Assert.False(verifier.Verify(DiscordSignature, DiscordTimestamp, Encoding.UTF8.GetBytes(DiscordBody.Replace("\"type\":1", "\"type\":2", StringComparison.Ordinal))));
    }

    [Fact]
    public void Verify_the_vector_signed_with_the_rfc8032_seed_is_valid()
    {
        var verifier = new DiscordSignatureVerifier(Rfc8032Test1PublicKey);

        Assert.True(verifier.Verify(SynthesisedSignature, "1700000000", """{"type":1}"""u8));
    }

    [Fact]
    public void Verify_rfc8032_test2_is_valid_with_its_one_byte_message_as_the_timestamp()
    {
        // TEST 2 signs the single byte 0x72 ("r"); timestamp + empty body is exactly that message.
        var verifier = new DiscordSignatureVerifier("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");

        Assert.True(verifier.Verify("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00", "r", []));
    }

    [Fact]
    public void Verify_with_another_applications_key_is_invalid()
    {
        var verifier = new DiscordSignatureVerifier(DiscordPublicKey);

        Assert.False(verifier.Verify(SynthesisedSignature, "1700000000", """{"type":1}"""u8));
    }

    [Theory]
    [InlineData(null, "1700000000")]
    [InlineData("", "1700000000")]
    [InlineData("zz", "1700000000")]
    [InlineData("1695961a47c91a1e", "1700000000")]
    [InlineData(SynthesisedSignature + "00", "1700000000")]
    [InlineData("x695961a47c91a1ec033b819b7e87e3dbc583dd0cee6d1fd0216f58ac87b6228ae531ddbf91fb7bc28d7edf7f08604da16f54624f38a6bc0614e4dc13cd47f0f", "1700000000")]
    [InlineData(SynthesisedSignature, null)]
    [InlineData(SynthesisedSignature, "")]
    public void Verify_malformed_or_missing_headers_are_invalid_without_throwing(string? signature, string? timestamp)
    {
        var verifier = new DiscordSignatureVerifier(Rfc8032Test1PublicKey);

        Assert.False(verifier.Verify(signature, timestamp, """{"type":1}"""u8));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("d75a98")]
    [InlineData("not hex at all, not hex at all, not hex at all, not hex at all!!")]
    public void Verify_without_a_usable_public_key_accepts_nothing(string? publicKey)
    {
        var verifier = new DiscordSignatureVerifier(publicKey);

        Assert.False(verifier.Verify(SynthesisedSignature, "1700000000", """{"type":1}"""u8));
    }
}
