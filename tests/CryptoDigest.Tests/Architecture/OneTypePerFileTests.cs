using System.Text.RegularExpressions;

namespace CryptoDigest.Tests.Architecture;

/// <summary>
/// One type per file, named like the file, so a newcomer finds a type by its name. With file-scoped
/// namespaces every top-level type starts at the first column, which is what this reads; types marked
/// <c>file</c> are private to their file and may share it.
/// </summary>
public partial class OneTypePerFileTests
{
    [Fact]
    public void Every_source_file_declares_one_type_named_like_the_file()
    {
        var offenders = SourceFiles()
            .Select(path => (Path: path, Types: TopLevelTypes(File.ReadAllLines(path))))
            .Where(f => f.Types.Count > 1 || (f.Types.Count == 1 && f.Types[0] != TypeNameOf(f.Path)))
            .Select(f => $"{Path.GetRelativePath(RepositoryFiles.Find("src"), f.Path)}: {string.Join(", ", f.Types)}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_reader_counts_top_level_records_enums_and_classes_but_not_nested_or_file_local_ones()
    {
        string[] lines =
        [
            "namespace X;",
            "public sealed record Quote(decimal Price);",
            "internal enum Side { Buy, Sell }",
            "public static partial class Book",
            "{",
            "    private sealed class Nested;",
            "}",
            "file sealed class Local;",
        ];

        Assert.Equal(["Quote", "Side", "Book"], TopLevelTypes(lines));
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(RepositoryFiles.Find("src"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    // "FeedIngestor.Log.cs" holds part of FeedIngestor.
    private static string TypeNameOf(string path) => Path.GetFileNameWithoutExtension(path).Split('.')[0];

    private static List<string> TopLevelTypes(IEnumerable<string> lines) =>
        lines.Select(l => Declaration().Match(l)).Where(m => m.Success).Select(m => m.Groups["name"].Value).ToList();

    [GeneratedRegex(@"^(?:public |internal )?(?:(?:sealed|static|abstract|partial|readonly) )*(?:class|record struct|record|enum|interface|struct) (?<name>\w+)", RegexOptions.None, 1000)]
    private static partial Regex Declaration();
}
