using System.Text;
using System.Text.RegularExpressions;

namespace CryptoDigest.Tests.Architecture;

/// <summary>One file's use of another folder: the line that makes the arrow, for the failure message.</summary>
internal sealed record FolderImport(string From, string To, string File, int Line, string Text)
{
    public override string ToString() => $"{File}:{Line}: {Text}";
}

/// <summary>
/// Which feature folder of src/CryptoDigest uses which, read from the source files: a folder uses
/// another when one of its files names the other's namespace (a using line of any kind, or a fully
/// qualified name) or qualifies one of its types by the folder's short name (Storage.Subscription,
/// which compiles inside any CryptoDigest.* namespace without a using). Comments and string
/// literals are not code and do not count. Files directly in src/CryptoDigest belong to the folder "".
/// </summary>
internal sealed partial class FolderGraph
{
    private FolderGraph(IReadOnlyList<FolderImport> imports, IReadOnlySet<string> folders)
    {
        Imports = imports;
        Folders = folders;
    }

    public IReadOnlyList<FolderImport> Imports { get; }

    public IReadOnlySet<string> Folders { get; }

    /// <summary>Names from outside the core's own folders (CryptoDigest.Telegram, Telegram.Bot, ...), by file.</summary>
    public IReadOnlyList<FolderImport> Outside => Imports.Where(i => !Folders.Contains(i.To)).ToList();

    public IEnumerable<string> Targets(string folder) =>
        Imports.Where(i => i.From == folder && Folders.Contains(i.To)).Select(i => i.To).Distinct(StringComparer.Ordinal);

    /// <summary>Reads every .cs file under the core project's folder (bin and obj excepted).</summary>
    public static FolderGraph Read(string projectFolder)
    {
        var files = Directory.EnumerateFiles(projectFolder, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(projectFolder, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToDictionary(path => path, path => File.ReadAllText(Path.Combine(projectFolder, path)), StringComparer.Ordinal);
        return FromSources(files);
    }

    /// <summary>Builds the graph from file paths (relative to the project folder) and their text.</summary>
    public static FolderGraph FromSources(IReadOnlyDictionary<string, string> files)
    {
        var code = files.ToDictionary(f => f.Key, f => CodeOnly(f.Value), StringComparer.Ordinal);
        var folders = files.Keys.Select(FolderOf).ToHashSet(StringComparer.Ordinal);

        // The types each folder declares, for names qualified by a folder's short name.
        var typesByFolder = folders.ToDictionary(
            folder => folder,
            folder => code.Where(c => FolderOf(c.Key) == folder)
                .SelectMany(c => Declaration().Matches(c.Value).Select(m => m.Groups["name"].Value))
                .ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);

        var imports = new List<FolderImport>();
        foreach (var (file, text) in code)
        {
            var from = FolderOf(file);
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                var targets = new HashSet<string>(StringComparer.Ordinal);
                foreach (Match m in Qualified().Matches(line))
                {
                    targets.Add(m.Groups["folder"].Value);
                }

                foreach (Match m in ShortQualified().Matches(line))
                {
                    var folder = m.Groups["folder"].Value;
                    if (typesByFolder.TryGetValue(folder, out var types) && types.Contains(m.Groups["type"].Value))
                    {
                        targets.Add(folder);
                    }
                }

                if (PlatformLibrary().IsMatch(line))
                {
                    targets.Add("Telegram.Bot");
                }

                foreach (var to in targets.Where(t => t != from))
                {
                    imports.Add(new FolderImport(from, to, file, i + 1, line.Trim()));
                }
            }
        }

        return new FolderGraph(imports, folders);
    }

    /// <summary>A cycle among the folders as the files that make each of its arrows, or null when there is none.</summary>
    public IReadOnlyList<FolderImport>? FindCycle()
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1: on the path, 2: done
        var path = new List<string>();

        List<string>? Visit(string folder)
        {
            state[folder] = 1;
            path.Add(folder);
            foreach (var next in Targets(folder).Order(StringComparer.Ordinal))
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path[path.IndexOf(next)..], next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[folder] = 2;
            return null;
        }

        foreach (var folder in Folders.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(folder) == 0 && Visit(folder) is { } cycle)
            {
                return cycle.Zip(cycle.Skip(1))
                    .Select(arrow => Imports.First(i => i.From == arrow.First && i.To == arrow.Second))
                    .ToList();
            }
        }

        return null;
    }

    /// <summary>The folder a file belongs to: its first path segment, or "" for files at the project's top.</summary>
    public static string FolderOf(string file) => file.Contains('/', StringComparison.Ordinal) ? file[..file.IndexOf('/', StringComparison.Ordinal)] : "";

    /// <summary>The text with comments and string and character literals blanked out, lines kept where they were.</summary>
    public static string CodeOnly(string source)
    {
        var code = new StringBuilder(source.Length);
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            var next = i + 1 < source.Length ? source[i + 1] : '\0';
            if (c == '/' && next == '/')
            {
                while (i < source.Length && source[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && next == '*')
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? source.Length : end + 2;
                code.Append(Blank(source, i, end));
                i = end;
            }
            else if (c == '"' && source.AsSpan(i).StartsWith("\"\"\""))
            {
                // A raw string literal: it ends at the first run of as many quotes as opened it.
                var quotes = 0;
                while (i + quotes < source.Length && source[i + quotes] == '"')
                {
                    quotes++;
                }

                var end = source.IndexOf(new string('"', quotes), i + quotes, StringComparison.Ordinal);
                end = end < 0 ? source.Length : end + quotes;
                code.Append(Blank(source, i, end));
                i = end;
            }
            else if (c == '"' || c == '\'')
            {
                var verbatim = i > 0 && (source[i - 1] == '@' || (source[i - 1] == '$' && i > 1 && source[i - 2] == '@'));
                var end = i + 1;
                while (end < source.Length)
                {
                    if (!verbatim && source[end] == '\\')
                    {
                        end += 2;
                        continue;
                    }

                    if (source[end] == c)
                    {
                        if (verbatim && end + 1 < source.Length && source[end + 1] == c)
                        {
                            end += 2;
                            continue;
                        }

                        break;
                    }

                    if (!verbatim && source[end] == '\n')
                    {
                        break;
                    }

                    end++;
                }

                end = Math.Min(end + 1, source.Length);
                code.Append(Blank(source, i, end));
                i = end;
            }
            else
            {
                code.Append(c);
                i++;
            }
        }

        return code.ToString();
    }

    private static string Blank(string source, int start, int end) =>
        new(source[start..end].Select(ch => ch == '\n' ? '\n' : ' ').ToArray());

    [GeneratedRegex(@"\bCryptoDigest\.(?<folder>[A-Za-z_]\w*)")]
    private static partial Regex Qualified();

    // Not after a dot: db.Summaries.Add is a member access, not the Summaries folder.
    [GeneratedRegex(@"(?<![\w.])(?<folder>[A-Z]\w*)\s*\.\s*(?<type>[A-Z]\w*)")]
    private static partial Regex ShortQualified();

    [GeneratedRegex(@"(?<![\w.])Telegram\.Bot\b")]
    private static partial Regex PlatformLibrary();

    [GeneratedRegex(@"\b(?:class|struct|record|interface|enum)\s+(?:class\s+|struct\s+)?(?<name>[A-Z]\w*)")]
    private static partial Regex Declaration();
}
