namespace CryptoDigest.Knowledge;

/// <summary>
/// Maps the ways members ask about a fact to the words the passages state it in: "how many
/// bitcoins will ever exist" is a question about supply and the 21 million cap, "the same share
/// for every coin" one about equal weighting. Each phrase adds the passage words to the question
/// at a lower weight than the member's own words, so the expansion tips a close ranking without
/// overriding what was asked (docs/knowledge-retrieval.md).
/// </summary>
public static class QuestionConcepts
{
    private const double ExpansionWeight = 0.6;

    // Phrases are matched on the question's lower-cased words (so "exist" also matches "exists" by its stem below).
    private static readonly (string[] Phrase, string Terms)[] Concepts =
    [
        (["ever", "exist"], "supply 21 million cap"),
        (["how", "many", "bitcoin"], "supply 21 million"),
        (["maximum"], "supply cap"),
        (["max", "supply"], "21 million cap"),
        (["limited", "supply"], "21 million cap"),
        (["finite"], "supply cap"),
        (["scarce"], "supply scarcity"),
        (["scarcity"], "supply cap"),
        (["all", "mined"], "supply 21 million fee"),
        (["run", "out"], "supply 21 million"),
        (["print", "more"], "supply inflation"),
        (["inflation"], "supply"),
        (["same", "share"], "equal weight"),
        (["same", "weight"], "equal weight"),
        (["same", "amount"], "equal weight"),
        (["evenly"], "equal weight"),
        (["market", "value"], "market cap"),
        (["biggest", "coins"], "market cap"),
        (["largest", "coins"], "market cap"),
        (["by", "size"], "market cap"),
        (["several", "keys"], "multisig signature"),
        (["multiple", "keys"], "multisig signature"),
        (["more", "than", "one", "key"], "multisig signature"),
        (["two", "keys"], "multisig signature"),
        (["several", "signatures"], "multisig"),
        (["who", "i", "am"], "anonym privacy track"),
        (["identify", "me"], "anonym privacy track"),
        (["trace"], "anonym track"),
        (["traceable"], "anonym track"),
        (["get", "it", "back"], "reverse"),
        (["take", "it", "back"], "reverse"),
        (["cancel"], "reverse"),
        (["wrong", "address"], "reverse"),
        (["come", "back"], "recover"),
        (["bounce", "back"], "recover"),
        (["back", "to", "where"], "recover"),
        (["how", "many", "years"], "recover long time horizon"),
        (["how", "long", "until"], "recover long time"),
        (["any", "case"], "exceptions sense"),
        (["better", "choice"], "sense advantages"),
        (["make", "sense"], "sense advantages"),
        (["ever", "better"], "exceptions sense"),
        (["wins"], "outperform"),
        (["win"], "outperform"),
        (["beat"], "outperform"),
        (["does", "better"], "outperform"),
        (["hit", "harder"], "lose crash"),
        (["lose", "more"], "lose crash"),
        (["never", "come", "back"], "survivorship die zero"),
        (["go", "to", "zero"], "survivorship die"),
        (["die"], "survivorship"),
        (["leave", "on", "exchange"], "custody exchange"),
        (["keep", "on", "exchange"], "custody exchange"),
        (["on", "the", "exchange"], "custody"),
        (["withdraw"], "custody self"),
        (["text", "message"], "sms"),
        (["kicked", "out"], "removed exclusion"),
        (["thin", "order"], "liquidity slippage"),
        (["tiny", "altcoins"], "small cap liquidity"),
        (["everyone", "is", "panicking"], "capitulation"),
        (["down", "60"], "capitulation"),
        (["down", "70"], "capitulation"),
        (["crypto", "winter"], "bear market"),
        (["own", "wallet"], "self custody keys"),
        (["my", "own", "keys"], "self custody"),
        (["on", "an", "exchange"], "custody exchange"),
        (["who", "controls"], "custody keys"),
        (["who", "holds"], "custody keys"),
        (["sits", "on"], "custody"),
        (["how", "often", "does"], "every years cycle"),
        (["how", "frequently", "does"], "every years cycle"),
        (["include"], "added removed inclusion"),
        (["included"], "added removed inclusion"),
        (["bigger"], "market cap"),
        (["larger"], "market cap"),
        (["cost"], "expensive fee turnover"),
        (["costs"], "expensive fee turnover"),
        (["expensive"], "cost fee turnover"),
        (["which", "coins"], "constituents inclusion"),
        (["capped"], "supply cap"),
        (["store"], "wallet storage"),
        (["storing"], "wallet storage"),
        (["keep", "safe"], "wallet storage"),
        (["tamper"], "immutable secured"),
        (["tampered"], "immutable secured"),
        (["rewrite"], "reorganization double spend"),
        (["mining", "power"], "hashrate 51 majority"),
        (["majority"], "51 attack"),
        (["control", "the", "network"], "51 majority attack"),
        (["altered"], "immutable secured"),
        (["cap", "on"], "supply"),
        (["dump", "all"], "sell everything"),
        (["dump", "everything"], "sell everything"),
        (["sell", "all"], "everything"),
        (["get", "out"], "sell"),
        (["rig"], "hardware mining"),
        (["cheat"], "immutable secured double spend proof work"),
        (["see", "my"], "track anonym public"),
        (["cops"], "track anonym"),
        (["spy"], "track anonym privacy"),
        (["reimburse"], "insurance insured"),
        (["compensate"], "insurance insured"),
        (["pay", "me", "back"], "insurance insured"),
    ];

    /// <summary>The question's own terms at full weight, plus the passage words its phrases stand for.</summary>
    public static IReadOnlyList<(string Term, double Weight)> Expand(string question, IReadOnlyList<string> terms)
    {
        var expanded = terms.Select(t => (t, 1.0)).ToList();
        foreach (var (_, extra) in Matches(question))
        {
            expanded.AddRange(extra.Select(t => (t, ExpansionWeight)));
        }

        return expanded;
    }

    /// <summary>The concept phrases the question holds: the phrase's own search terms, and the passage terms it stands for.</summary>
    public static IReadOnlyList<(IReadOnlyList<string> Phrase, IReadOnlyList<string> Terms)> Matches(string question)
    {
        var words = question.ToLowerInvariant()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('?', '!', '.', ',', ';', ':', '"', '\'', '(', ')'))
            .Where(w => w.Length > 0)
            .ToArray();
        var stems = words.Select(TextTokenizer.Stem).ToArray();
        return Concepts
            .Where(c => Contains(words, stems, c.Phrase))
            .Select(c => ((IReadOnlyList<string>)TextTokenizer.Tokenize(string.Join(' ', c.Phrase)), TextTokenizer.Tokenize(c.Terms)))
            .ToList();
    }

    private static bool Contains(string[] words, string[] stems, string[] phrase)
    {
        for (var start = 0; start + phrase.Length <= words.Length; start++)
        {
            var all = true;
            for (var k = 0; k < phrase.Length && all; k++)
            {
                all = words[start + k] == phrase[k] || stems[start + k] == TextTokenizer.Stem(phrase[k]);
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }
}
