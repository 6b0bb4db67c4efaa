using System.Globalization;
using CryptoDigest.Security.LinkCheck;
using Xunit.Abstractions;

namespace CryptoDigest.Tests.Security.LinkCheck;

public sealed class LinkCheckerTableTests(ITestOutputHelper output)
{
    [Fact]
    public void The_table_has_at_least_150_lookalikes_and_150_benign_addresses()
    {
        Assert.True(LinkCheckTable.Lookalikes.Distinct().Count() >= 150, $"{LinkCheckTable.Lookalikes.Length} lookalikes");
        Assert.True(LinkCheckTable.Benign.Distinct().Count() >= 150, $"{LinkCheckTable.Benign.Length} benign");
    }

    [Fact]
    public void Every_lookalike_in_the_table_is_flagged_and_says_why()
    {
        var verdicts = LinkCheckTable.Lookalikes.Select(LinkCheckFixture.Checker.Check).ToList();
        var missed = verdicts.Where(v => !v.IsFlagged).Select(v => $"{v.Input}: {string.Join(" | ", v.EnglishReasons)}").ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Lookalikes flagged: {verdicts.Count - missed.Count}/{verdicts.Count} ({100.0 * (verdicts.Count - missed.Count) / verdicts.Count:F1} %)"));
        Assert.True(missed.Count == 0, "Not flagged:\n" + string.Join('\n', missed));
        Assert.All(verdicts, v => Assert.NotEmpty(v.EnglishReasons));
        Assert.All(verdicts, v => Assert.All(v.EnglishReasons, r => Assert.False(string.IsNullOrWhiteSpace(r))));
    }

    [Fact]
    public void No_benign_address_in_the_table_is_flagged()
    {
        var verdicts = LinkCheckTable.Benign.Select(LinkCheckFixture.Checker.Check).ToList();
        var flagged = verdicts.Where(v => v.IsFlagged).Select(v => $"{v.Input}: {string.Join(" | ", v.EnglishReasons)}").ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Benign flagged: {flagged.Count}/{verdicts.Count} ({100.0 * flagged.Count / verdicts.Count:F1} %)"));
        Assert.True(flagged.Count == 0, "Flagged:\n" + string.Join('\n', flagged));
        Assert.All(verdicts, v => Assert.Equal("safe-looking", v.Verdict));
        Assert.All(verdicts, v => Assert.Null(v.LookalikeOf));
    }
}
