using CryptoDigest.Feeds;

namespace CryptoDigest.Tests.Feeds;

public class FeedParserRobustnessTests
{
    private static readonly DateTimeOffset FetchedAt = new(2025, 11, 20, 6, 0, 0, TimeSpan.Zero);

    // Bytes that break XML in the ways real feeds break: markup characters, a NUL, a stray Windows-1252 byte.
    private static readonly byte[] Noise = [(byte)'<', (byte)'>', (byte)'&', (byte)'"', (byte)'\'', (byte)';', (byte)':', (byte)'/', 0, 0x92, 0xC3, (byte)']'];

    public static TheoryData<string> Documents() =>
        new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Feeds", "Documents"), "*.xml").Select(Path.GetFileName).OfType<string>());

    [Theory]
    [MemberData(nameof(Documents))]
    public void Truncated_and_corrupted_documents_give_a_feed_or_a_FeedFormatException_never_a_crash(string name)
    {
        var original = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Feeds", "Documents", name));
        var random = new Random(name.Length * 7919);
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var bytes = original[..random.Next(1, original.Length + 1)];
            for (var flips = random.Next(0, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = Noise[random.Next(Noise.Length)];
            }

            try
            {
                var feed = FeedParser.Parse(bytes, null, new Uri("https://x.example.com/feed/"), FetchedAt);
                Assert.All(feed.Items, item => Assert.NotNull(item.Title));
            }
            catch (FeedFormatException)
            {
                // A clear refusal is fine.
            }
        }
    }

    [Fact]
    public void A_feed_declared_utf8_but_written_in_windows_1252_is_read_as_windows_1252()
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes("""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><item><title>Don?t panic ? 5 ?</title><guid>1</guid></item></channel></rss>""");
        bytes[Array.IndexOf(bytes, (byte)'?', 40)] = 0x92;
        bytes[Array.IndexOf(bytes, (byte)'?', 40)] = 0x96;
        bytes[Array.IndexOf(bytes, (byte)'?', 40)] = 0x80;

        var feed = FeedParser.Parse(bytes, "utf-8", null, FetchedAt);

        Assert.Equal("Don\u2019t panic \u2013 5 \u20AC", Assert.Single(feed.Items).Title);
    }
}
