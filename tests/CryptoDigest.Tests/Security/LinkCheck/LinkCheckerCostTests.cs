using CryptoDigest.Security.LinkCheck;

namespace CryptoDigest.Tests.Security.LinkCheck;

/// <summary>
/// What one crafted address can cost a check: peeling states and edit distances are counted, not timed,
/// so the bound holds on any machine (docs/link-check.md, "Cost of one check").
/// </summary>
public class LinkCheckerCostTests
{
    private static readonly string[] Words = ["binanse", "claim", "wallet", "1com2", "metamsk", "airdrop", "verify", "coinbse", "login", "secure"];

    [Fact]
    public void A_250_character_host_of_lure_words_and_misspellings_costs_a_bounded_number_of_comparisons()
    {
        var host = CraftedHost([61, 61, 61, 60]);

        var (verdict, work) = LinkCheckFixture.Checker.CheckMeasured("https://" + host + "/");

        Assert.Equal(250, host.Length);
        Assert.Equal("suspicious", verdict.Verdict);
        // About 2,500 with the candidates built once per host; built again for each of the 60-odd brands it was over 100,000.
        Assert.InRange(work, 1, 5_000);
    }

    [Fact]
    public void A_host_of_many_labels_is_flagged_and_only_the_first_labels_and_the_name_are_compared()
    {
        var labels = Enumerable.Repeat("wallet-claim", 18).ToList();
        var host = string.Join('.', labels) + ".com";

        var (verdict, work) = LinkCheckFixture.Checker.CheckMeasured("https://" + host + "/");
        var (_, fewWork) = LinkCheckFixture.Checker.CheckMeasured("https://" + string.Join('.', labels.Take(LinkChecker.MaxLabelsExamined)) + ".com/");

        Assert.True(host.Length <= 253);
        Assert.Equal("suspicious", verdict.Verdict);
        Assert.Contains(verdict.EnglishReasons, r => r.StartsWith("It strings 18 names together", StringComparison.Ordinal));
        // Eighteen labels cost what eight do: the labels past the cap are read for scripts only.
        Assert.InRange(work, 1, fewWork);
    }

    [Fact]
    public void A_lookalike_in_the_registrable_name_is_still_found_behind_many_labels()
    {
        var host = string.Join('.', Enumerable.Repeat("cdn", 20)) + ".binanse.com";

        var verdict = LinkCheckFixture.Checker.Check(host);

        Assert.Equal("binance.com", verdict.LookalikeOf);
    }

    /// <summary>The words joined by hyphens, cut into labels of the given lengths (no label starts or ends with a hyphen).</summary>
    private static string CraftedHost(int[] lengths)
    {
        var stream = string.Join('-', Enumerable.Range(0, 60).Select(i => Words[i % Words.Length]));
        var labels = new List<string>();
        var at = 0;
        foreach (var length in lengths)
        {
            var label = stream.Substring(at, length).Trim('-');
            labels.Add(label.PadRight(length, 'x'));
            at += length;
        }

        return string.Join('.', labels) + ".com";
    }
}
