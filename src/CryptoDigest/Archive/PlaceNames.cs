using CryptoDigest.Knowledge;

namespace CryptoDigest.Archive;

/// <summary>
/// The ways issues write a place members name loosely (Archive/Data/place-names.txt): "america" for the United States,
/// "norway" for Norges Bank or the krone. A question naming a place the issue writes another way still names what the
/// issue covers.
/// </summary>
public static class PlaceNames
{
    // Each one-word form of a place, with every other form of it.
    private static readonly Lazy<Dictionary<string, string[]>> Forms = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether the text writes the place <paramref name="typed"/> names in one of its other forms.</summary>
    public static bool IsWrittenIn(string typed, string text)
    {
        if (!Forms.Value.TryGetValue(typed.ToLowerInvariant(), out var forms))
        {
            return false;
        }

        var words = ArchiveQuestion.Words(text.Replace(".", string.Empty, StringComparison.Ordinal));
        return forms.Any(f => ContainsRun(words, ArchiveQuestion.Words(f.Replace(".", string.Empty, StringComparison.Ordinal))));
    }

    // Whether the words hold the form's words side by side, case ignored ("United States", "US").
    private static bool ContainsRun(List<string> words, List<string> form) =>
        Enumerable.Range(0, Math.Max(0, words.Count - form.Count + 1))
            .Any(i => form.Select((f, k) => words[i + k].Equals(f, StringComparison.OrdinalIgnoreCase)).All(same => same));

    private static Dictionary<string, string[]> Load()
    {
        var forms = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var place in NameWords.ReadLines("CryptoDigest.Archive.Data.place-names.txt").Select(line => line.Split('|', StringSplitOptions.TrimEntries)))
        {
            foreach (var typed in place.Where(form => !form.Contains(' ', StringComparison.Ordinal)))
            {
                forms[typed.Replace(".", string.Empty, StringComparison.Ordinal)] = [.. place.Where(form => form != typed)];
            }
        }

        return forms;
    }
}
