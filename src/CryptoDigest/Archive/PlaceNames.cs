namespace CryptoDigest.Archive;

/// <summary>
/// The ways issues write a country members name loosely: "america" for the United States, "uk" for the United Kingdom.
/// A question naming a country the issue writes another way still names what the issue covers.
/// </summary>
public static class PlaceNames
{
    private static readonly Dictionary<string, string[]> Forms = new(StringComparer.Ordinal)
    {
        ["america"] = ["united states", "u.s.", "us", "american"],
        ["usa"] = ["united states", "u.s.", "us", "american"],
        ["us"] = ["united states", "u.s.", "america"],
        ["uk"] = ["united kingdom", "britain", "british", "u.k."],
        ["britain"] = ["united kingdom", "uk", "british"],
        ["uae"] = ["united arab emirates", "emirates", "dubai", "abu dhabi"],
        ["emirates"] = ["united arab emirates", "uae"],
        ["korea"] = ["south korea", "korean"],
        ["holland"] = ["netherlands", "dutch"],
        ["eu"] = ["european union", "europe"],
    };

    /// <summary>Whether the text writes the place <paramref name="typed"/> names in one of its other forms.</summary>
    public static bool IsWrittenIn(string typed, string text)
    {
        if (!Forms.TryGetValue(typed.ToLowerInvariant(), out var forms))
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
}
