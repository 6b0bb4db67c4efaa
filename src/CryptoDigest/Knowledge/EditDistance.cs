namespace CryptoDigest.Knowledge;

/// <summary>Edit distances between short strings (domain labels, and names a member typed: NameWords).</summary>
internal static class EditDistance
{
    /// <summary>Levenshtein distance: insertions, deletions and substitutions (eth-phishing-detect's fuzzy match).</summary>
    public static int Levenshtein(string a, string b) => Compute(a, b, transpositions: false);

    /// <summary>Optimal string alignment: Levenshtein plus swapping two neighbours ("coinbsae") as one edit.</summary>
    public static int WithTranspositions(string a, string b) => Compute(a, b, transpositions: true);

    private static int Compute(string a, string b, bool transpositions)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (transpositions && i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
