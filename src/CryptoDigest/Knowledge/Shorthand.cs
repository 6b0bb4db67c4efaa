namespace CryptoDigest.Knowledge;

/// <summary>
/// Shorthand members type for words the newsletters write out ("ceo" for chief executive, "wks" for weeks), from
/// Knowledge/Data/shorthand.txt: no name an issue must hold, and searched as the issues write it.
/// </summary>
public static class Shorthand
{
    private static readonly Lazy<Dictionary<string, string>> Forms = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Every shorthand word of the list, lower case.</summary>
    public static IEnumerable<string> Words => Forms.Value.Keys;

    /// <summary>What the shorthand word stands for as the issues write it ("chief executive"); null when it is none.</summary>
    public static string? WrittenOut(string word) =>
        Forms.Value.GetValueOrDefault(word) ?? (word.Any(char.IsUpper) ? Forms.Value.GetValueOrDefault(word.ToLowerInvariant()) : null);

    private static Dictionary<string, string> Load() =>
        NameWords.ReadLines("CryptoDigest.Knowledge.Data.shorthand.txt")
            .Select(line => line.Split('=', 2, StringSplitOptions.TrimEntries))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
}
